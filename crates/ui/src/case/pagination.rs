//! Paging through a long list (the caseload): "Vorige", the page numbers around the current
//! one with the first and the last, "Volgende". Buttons, not links: the pages are not
//! addresses. The caller moves focus to the list it shows, so a keyboard user starts
//! reading at the top of the new page.

use yew::prelude::*;

#[derive(Debug, Properties, PartialEq)]
pub struct PaginationProps {
    /// The page shown, from 0.
    pub page: usize,
    /// How many pages there are (at least 2, or nothing is drawn).
    pub pages: usize,
    /// What the pages list, for the navigation's name ("dossiers").
    pub label: AttrValue,
    pub on_page: Callback<usize>,
}

/// The page numbers to show, `None` for a gap ("…"): the first, the last and the current
/// one with its neighbours.
pub fn page_numbers(page: usize, pages: usize) -> Vec<Option<usize>> {
    let mut out = Vec::new();
    for n in 0..pages {
        if n == 0 || n + 1 == pages || n.abs_diff(page) <= 1 {
            out.push(Some(n));
        } else if out.last() != Some(&None) {
            out.push(None);
        }
    }
    out
}

#[function_component(Pagination)]
pub fn pagination(p: &PaginationProps) -> Html {
    if p.pages < 2 {
        return html! {};
    }
    let go = |n: usize| p.on_page.reform(move |_: MouseEvent| n);
    let prev = (p.page > 0).then(|| html! {
        <li><button type="button" class="llk-button llk-button--subtle" onclick={go(p.page - 1)}>{ "Vorige" }<span class="llk-visually-hidden">{ " pagina" }</span></button></li>
    });
    let next = (p.page + 1 < p.pages).then(|| html! {
        <li><button type="button" class="llk-button llk-button--subtle" onclick={go(p.page + 1)}>{ "Volgende" }<span class="llk-visually-hidden">{ " pagina" }</span></button></li>
    });
    html! {
        <nav class="llk-pagination" aria-label={format!("Pagina's {}", p.label)}>
            <ul>
                { prev }
                { for page_numbers(p.page, p.pages).into_iter().map(|n| match n {
                    Some(n) if n == p.page => html! {
                        <li><button type="button" class="llk-button llk-button--subtle" aria-current="page" aria-label={format!("Pagina {}", n + 1)} onclick={go(n)}>{ n + 1 }</button></li>
                    },
                    Some(n) => html! {
                        <li><button type="button" class="llk-button llk-button--subtle" aria-label={format!("Pagina {}", n + 1)} onclick={go(n)}>{ n + 1 }</button></li>
                    },
                    None => html! { <li aria-hidden="true">{ "…" }</li> },
                }) }
                { next }
            </ul>
        </nav>
    }
}

#[cfg(test)]
mod tests {
    use super::page_numbers;

    #[test]
    fn the_first_the_last_and_the_neighbours_of_the_current_page() {
        assert_eq!(page_numbers(0, 1), [Some(0)]);
        assert_eq!(page_numbers(0, 3), [Some(0), Some(1), Some(2)]);
        assert_eq!(page_numbers(0, 20), [Some(0), Some(1), None, Some(19)]);
        assert_eq!(
            page_numbers(9, 20),
            [Some(0), None, Some(8), Some(9), Some(10), None, Some(19)]
        );
        assert_eq!(page_numbers(19, 20), [Some(0), None, Some(18), Some(19)]);
        assert_eq!(
            page_numbers(2, 5),
            [Some(0), Some(1), Some(2), Some(3), Some(4)]
        );
    }
}
