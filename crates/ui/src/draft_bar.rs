//! Under the form: "Concept opslaan" and a quiet status line saying when the draft was
//! saved and until when it is kept.

use crate::state::drafts::DraftStatus;
use yew::prelude::*;

#[derive(Debug, Properties, PartialEq)]
pub struct DraftBarProps {
    pub status: DraftStatus,
    #[prop_or_default]
    pub on_save: Callback<()>,
}

#[function_component(DraftBar)]
pub fn draft_bar(p: &DraftBarProps) -> Html {
    let onclick = p.on_save.reform(|_: MouseEvent| ());
    html! {
        <div class="llk-draft-bar">
            <button type="button" class="llk-button llk-button--subtle" {onclick}>{ "Concept opslaan" }</button>
            <p class="llk-draft-bar__status" role="status">{ p.status.text() }</p>
        </div>
    }
}
