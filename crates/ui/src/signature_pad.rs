//! A handwritten signature: a pointer-events canvas that stores strokes as vectors, and a
//! keyboard alternative "typ uw naam" (`typed`); the answer's shape is
//! `llk_core::signature`'s.
//! The text box carries the field's DOM id, so error links and keyboard users reach it.

use llk_core::signature::Stroke;
use serde_json::Value;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, HtmlInputElement, PointerEvent};
use yew::prelude::*;

/// The drawing's coordinate space; the canvas is scaled by CSS.
const W: f64 = 600.0;
const H: f64 = 200.0;

#[derive(Debug, Properties, PartialEq)]
pub struct SignaturePadProps {
    pub id: AttrValue,
    pub value: Value,
    /// `YYYY-MM-DD`, stored with the signature.
    pub today: AttrValue,
    #[prop_or_default]
    pub invalid: bool,
    #[prop_or_default]
    pub required: bool,
    #[prop_or_default]
    pub described_by: Option<AttrValue>,
    /// The new signature value (`Null` when cleared).
    pub on_commit: Callback<Value>,
}

fn context(canvas: &NodeRef) -> Option<CanvasRenderingContext2d> {
    canvas
        .cast::<HtmlCanvasElement>()?
        .get_context("2d")
        .ok()??
        .dyn_into()
        .ok()
}

fn redraw(canvas: &NodeRef, strokes: &[Stroke]) {
    let Some(ctx) = context(canvas) else { return };
    ctx.clear_rect(0.0, 0.0, W, H);
    ctx.set_line_width(3.0);
    ctx.set_line_cap("round");
    ctx.set_line_join("round");
    ctx.set_stroke_style_str("#1a1a1a");
    for s in strokes {
        ctx.begin_path();
        for (n, &(x, y)) in s.iter().enumerate() {
            if n == 0 {
                ctx.move_to(x, y);
                ctx.line_to(x + 0.1, y);
            } else {
                ctx.line_to(x, y);
            }
        }
        ctx.stroke();
    }
}

/// The position of a pointer event in drawing coordinates.
fn point(canvas: &NodeRef, e: &PointerEvent) -> Option<(f64, f64)> {
    let c = canvas.cast::<HtmlCanvasElement>()?;
    let r = c.get_bounding_client_rect();
    if r.width() <= 0.0 || r.height() <= 0.0 {
        return None;
    }
    let x = (f64::from(e.client_x()) - r.left()) * W / r.width();
    let y = (f64::from(e.client_y()) - r.top()) * H / r.height();
    Some(((x * 10.0).round() / 10.0, (y * 10.0).round() / 10.0))
}

#[function_component(SignaturePad)]
pub fn signature_pad(props: &SignaturePadProps) -> Html {
    let canvas = use_node_ref();
    let current: Rc<RefCell<Option<Stroke>>> = use_mut_ref(|| None);
    let strokes = llk_core::signature::strokes(&props.value);
    let typed = llk_core::signature::typed_as_entered(&props.value).to_string();
    {
        let canvas = canvas.clone();
        use_effect_with(strokes.clone(), move |s| redraw(&canvas, s));
    }
    let onpointerdown = {
        let canvas = canvas.clone();
        let current = current.clone();
        Callback::from(move |e: PointerEvent| {
            e.prevent_default();
            if let Some(c) = canvas.cast::<HtmlCanvasElement>() {
                let _ = c.set_pointer_capture(e.pointer_id());
            }
            if let Some(p) = point(&canvas, &e) {
                *current.borrow_mut() = Some(vec![p]);
                if let Some(ctx) = context(&canvas) {
                    ctx.begin_path();
                    ctx.move_to(p.0, p.1);
                }
            }
        })
    };
    let onpointermove = {
        let canvas = canvas.clone();
        let current = current.clone();
        Callback::from(move |e: PointerEvent| {
            let mut cur = current.borrow_mut();
            let Some(stroke) = cur.as_mut() else { return };
            let Some(p) = point(&canvas, &e) else { return };
            if stroke.len() >= 2000 {
                return;
            }
            if let (Some(ctx), Some(&(x0, y0))) = (context(&canvas), stroke.last()) {
                ctx.set_line_width(3.0);
                ctx.set_line_cap("round");
                ctx.set_stroke_style_str("#1a1a1a");
                ctx.begin_path();
                ctx.move_to(x0, y0);
                ctx.line_to(p.0, p.1);
                ctx.stroke();
            }
            stroke.push(p);
        })
    };
    let onpointerup = {
        let current = current.clone();
        let strokes = strokes.clone();
        let typed = typed.clone();
        let today = props.today.clone();
        let cb = props.on_commit.clone();
        Callback::from(move |_: PointerEvent| {
            let Some(stroke) = current.borrow_mut().take() else {
                return;
            };
            let mut all = strokes.clone();
            all.push(stroke);
            cb.emit(llk_core::signature::answer(&all, &typed, &today));
        })
    };
    let clear = {
        let typed = typed.clone();
        let today = props.today.clone();
        let cb = props.on_commit.clone();
        Callback::from(move |_: MouseEvent| {
            cb.emit(llk_core::signature::answer(&[], &typed, &today))
        })
    };
    let onblur = {
        let strokes = strokes.clone();
        let today = props.today.clone();
        let cb = props.on_commit.clone();
        Callback::from(move |e: FocusEvent| {
            let t = e.target_unchecked_into::<HtmlInputElement>().value();
            cb.emit(llk_core::signature::answer(&strokes, &t, &today));
        })
    };
    let typed_id = props.id.clone();
    let hint_id = format!("{}-pad-hint", props.id);
    let described_by = match &props.described_by {
        Some(d) => format!("{d} {hint_id}"),
        None => hint_id.clone(),
    };
    html! {
        <div class={classes!("llk-signature", props.invalid.then_some("llk-signature--invalid"))}>
            <p class="llk-form-field__description" id={hint_id}>
                { "Teken uw handtekening in het vak met muis, vinger of pen. Of typ uw volledige naam hieronder." }
            </p>
            <canvas ref={canvas} class="llk-signature__pad" width="600" height="200"
                role="img" aria-label={if strokes.is_empty() { "Tekenvlak voor de handtekening, leeg" } else { "Tekenvlak met een getekende handtekening" }}
                {onpointerdown} {onpointermove} onpointerup={onpointerup.clone()} onpointercancel={onpointerup} />
            <div class="llk-signature__actions">
                <button type="button" class="llk-button llk-button--subtle" onclick={clear}>
                    { "Handtekening wissen" }
                </button>
            </div>
            <label class="llk-form-label llk-form-label--secondary" for={typed_id.clone()}>
                { "Of typ uw naam als handtekening" }
            </label>
            <input class={classes!("llk-textbox", "llk-textbox--l", props.invalid.then_some("llk-textbox--invalid"))}
                id={typed_id} type="text" autocomplete="name" value={typed}
                aria-invalid={props.invalid.then_some("true")}
                aria-required={props.required.then_some("true")}
                aria-describedby={described_by} {onblur} />
        </div>
    }
}
