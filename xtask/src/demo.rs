//! `cargo xtask demo`: builds the kit (see `build`) and serves `dist/` on
//! http://127.0.0.1:8000 with the strict Content-Security-Policy an intranet would set.
//! A small static server on std only: GET and HEAD, no directory listings, no `..`.

use crate::build::{self, DIST};
use crate::util::root;
use anyhow::{Context, Result, bail};
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};

/// Trusted Types enforced with no policy allowed: the kit writes no HTML or script from
/// strings (docs/embedding.md, "Content-Security-Policy").
pub const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
                       require-trusted-types-for 'script'; trusted-types 'none'";

pub fn run(args: &[String]) -> Result<()> {
    let (opts, rest) = build::Options::parse(args)?;
    let mut port = 8000u16;
    let mut skip_build = false;
    let mut it = rest.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--port" => port = it.next().context("--port needs a number")?.parse()?,
            "--no-build" => skip_build = true,
            other => bail!(
                "unknown argument '{other}' (demo takes --port N, --no-build, --forms DIR, --no-opt)"
            ),
        }
    }
    if !skip_build {
        build::build(&opts)?;
    }
    let listener = TcpListener::bind(("127.0.0.1", port))
        .with_context(|| format!("cannot listen on 127.0.0.1:{port} (in use? try --port)"))?;
    eprintln!("serving {DIST}/ on http://127.0.0.1:{port}/ (Ctrl-C stops)");
    serve(listener, root().join(DIST));
    Ok(())
}

/// Serves `dir` on `listener`, one thread per connection, until the process ends.
pub fn serve(listener: TcpListener, dir: PathBuf) {
    for stream in listener.incoming().flatten() {
        let dir = dir.clone();
        std::thread::spawn(move || {
            let _ = handle(stream, &dir);
        });
    }
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        _ => "application/octet-stream",
    }
}

fn handle(mut stream: TcpStream, dir: &Path) -> Result<()> {
    stream.set_read_timeout(Some(std::time::Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request = String::new();
    if reader.read_line(&mut request)? == 0 {
        return Ok(());
    }
    // The headers are read and ignored; every response closes the connection.
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" || line == "\n" {
            break;
        }
    }
    let mut parts = request.split_whitespace();
    let method = parts.next().unwrap_or("");
    let target = parts.next().unwrap_or("/");
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let not_found = (
        "404 Not Found",
        "text/plain; charset=utf-8",
        b"not found".to_vec(),
    );
    let (status, ctype, body) = if method != "GET" && method != "HEAD" {
        (
            "405 Method Not Allowed",
            "text/plain; charset=utf-8",
            b"method not allowed".to_vec(),
        )
    } else {
        match resolve(dir, path).map(|f| (std::fs::read(&f), f)) {
            Some((Ok(bytes), file)) => ("200 OK", content_type(&file), bytes),
            _ => not_found,
        }
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\n\
         Content-Security-Policy: {CSP}\r\nX-Content-Type-Options: nosniff\r\n\
         Referrer-Policy: no-referrer\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes())?;
    if method != "HEAD" {
        stream.write_all(&body)?;
    }
    stream.flush()?;
    Ok(())
}

/// The file for a URL path inside `dir`, or `None` (outside it, missing, a directory
/// without index.html).
fn resolve(dir: &Path, url_path: &str) -> Option<PathBuf> {
    let mut p = dir.to_path_buf();
    for seg in url_path.split('/').filter(|s| !s.is_empty()) {
        if seg == ".." || seg == "." || seg.contains('\\') || seg.contains('%') {
            return None;
        }
        p.push(seg);
    }
    if p.is_dir() {
        p.push("index.html");
    }
    p.is_file().then_some(p)
}

#[cfg(test)]
mod tests {
    use super::resolve;

    #[test]
    fn paths_stay_inside_the_served_directory() {
        let dir = crate::util::root().join("www");
        assert!(resolve(&dir, "/../Cargo.toml").is_none());
        assert!(resolve(&dir, "/%2e%2e/Cargo.toml").is_none());
        assert!(resolve(&dir, "/").is_some_and(|p| p.ends_with("index.html")));
    }
}
