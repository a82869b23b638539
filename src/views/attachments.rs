//! An article's attachments: a native player for audio and video, a link for any other file.
//! What is shown, its markup, and whether a file plays at once or after consent, is
//! `crate::media`'s decision (see its documentation for why); this places it and keeps each
//! player's slot in step with the reader's consent and requests.

use super::consent::use_consent;
use crate::browser::load_clicked_player;
use crate::config::SiteAddress;
use crate::feed::Attachment;
use crate::i18n::{Lang, Strings};
use crate::media::{shown_attachment, ShownAttachment};
use leptos::prelude::*;

/// The attachments of an article written in `lang`, on the site at `site`; nothing when it has
/// none that can be offered.
pub fn attachments(
    attachments: &[Attachment],
    site: Option<&SiteAddress>,
    lang: Lang,
) -> Option<impl IntoView> {
    let shown: Vec<ShownAttachment> = attachments
        .iter()
        .filter_map(|attachment| shown_attachment(attachment, site, lang))
        .collect();
    if shown.is_empty() {
        return None;
    }
    let strings = lang.strings();
    let items = shown
        .into_iter()
        .map(|shown| attachment(shown, strings))
        .collect_view();
    Some(view! { <div class="attachments">{items}</div> })
}

fn attachment(shown: ShownAttachment, strings: &'static Strings) -> impl IntoView {
    // A file without a player, and the site's own file, never wait for anything.
    let waits = shown.player.is_some() && shown.host.is_some();
    let consent = use_consent();
    // Asked for by the reader's click on the placeholder: stays a player for as long as the
    // article is shown (the article page does not draw an unchanged article again when the
    // feed is refreshed), whatever the reader then answers about consent.
    let asked = RwSignal::new(false);
    // Drawn again only when this answer changes, not on every change of consent (analytics
    // turned on, the banner answered after the reader asked for the player), so a player that
    // may be playing is left alone.
    let player_shown = Memo::new(move |_| {
        !waits || asked.get() || consent.choices.get().is_some_and(|choices| choices.media)
    });
    view! {
        <div
            class="attachment"
            inner_html=move || shown.html(strings, player_shown.get())
            on:click=move |event| load_clicked_player(&event, || asked.set(true))
        ></div>
    }
}
