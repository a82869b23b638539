//! The consent banner, the settings dialog and the store of the reader's choice.

use crate::browser::{focus_main, set_analytics_script, store_consent, stored_consent};
use crate::config::SiteConfig;
use crate::consent::Choices;
use crate::store::use_feed_store;
use leptos::html::Dialog;
use leptos::prelude::*;
use std::sync::Arc;

/// The reader's consent, shared by the banner, the dialog, the footer link and what it gates.
#[derive(Clone, Copy)]
pub struct ConsentStore {
    /// The site's configuration: `None` until read, and until then nobody knows the policy
    /// revision, so nobody is asked.
    config: RwSignal<Option<Arc<SiteConfig>>>,
    /// `None` while the reader has not chosen (or their record no longer stands).
    pub choices: RwSignal<Option<Choices>>,
    /// Whether the stored choice has been read: only then is it known whether to ask. Never
    /// at build time, so no prerendered page carries the banner.
    read: RwSignal<bool>,
    pub settings_open: RwSignal<bool>,
    applied: StoredValue<bool>,
}

impl ConsentStore {
    pub fn new(config: RwSignal<Option<Arc<SiteConfig>>>) -> Self {
        ConsentStore {
            config,
            choices: RwSignal::new(None),
            read: RwSignal::new(false),
            settings_open: RwSignal::new(false),
            applied: StoredValue::new(false),
        }
    }

    /// Once the configuration is known, reads the stored choice; from then on keeps the
    /// analytics script in step with the choice.
    /// The site frame calls this; the embed view never does, so a widget on a partner's page
    /// reads and stores nothing and loads no analytics.
    pub fn apply(self) {
        if self.applied.get_value() {
            return;
        }
        self.applied.set_value(true);
        Effect::new(move |read: Option<bool>| {
            let Some(config) = self.config.get() else {
                return false;
            };
            if read != Some(true) {
                self.choices.set(stored_consent(&config.consent));
                self.read.set(true);
            }
            if let Some(src) = &config.analytics_script {
                let allowed = self.choices.get().is_some_and(|choices| choices.analytics);
                set_analytics_script(src, allowed);
            }
            true
        });
    }

    fn asking(self) -> bool {
        self.read.get() && self.choices.get().is_none()
    }

    /// Records a choice; takes effect at once, whether or not storage accepts it.
    pub fn decide(self, choices: Choices) {
        let from_banner = untrack(|| self.asking());
        self.choices.set(Some(choices));
        self.settings_open.set(false);
        if let Some(config) = self.config.get_untracked() {
            store_consent(choices, &config.consent);
        }
        if from_banner {
            focus_main();
        }
    }
}

pub fn use_consent() -> ConsentStore {
    expect_context::<ConsentStore>()
}

/// The first-visit banner: a labelled region, not a modal; «Прийняти все» and «Відхилити все»
/// look the same, so neither answer is the easy one.
#[component]
pub fn ConsentBanner() -> impl IntoView {
    let consent = use_consent();
    let store = use_feed_store();
    move || {
        consent.asking().then(|| {
            let strings = store.ui_lang().strings();
            view! {
                <section class="consent-banner" aria-labelledby="consent-title">
                    <div class="wrap">
                        <h2 id="consent-title">{strings.consent_title}</h2>
                        <p>{strings.consent_text}</p>
                        <div class="consent-actions">
                            <button type="button" class="button button-strong" on:click=move |_| consent.decide(Choices::ALL)>
                                {strings.accept_all}
                            </button>
                            <button type="button" class="button button-strong" on:click=move |_| consent.decide(Choices::NONE)>
                                {strings.reject_all}
                            </button>
                            <button type="button" class="button" on:click=move |_| consent.settings_open.set(true)>
                                {strings.consent_settings}
                            </button>
                        </div>
                    </div>
                </section>
            }
        })
    }
}

/// The settings: necessary (always on, explained), analytics and external media.
#[component]
pub fn ConsentDialog() -> impl IntoView {
    let consent = use_consent();
    let store = use_feed_store();
    let dialog = NodeRef::<Dialog>::new();
    let analytics = RwSignal::new(false);
    let media = RwSignal::new(false);
    // The native modal dialog keeps focus inside, closes on Escape and gives focus back to
    // the control that opened it.
    Effect::new(move |_| {
        let open = consent.settings_open.get();
        let Some(dialog) = dialog.get() else { return };
        if open && !dialog.open() {
            let current = consent.choices.get_untracked().unwrap_or_default();
            analytics.set(current.analytics);
            media.set(current.media);
            let _ = dialog.show_modal();
        } else if !open && dialog.open() {
            dialog.close();
        }
    });
    let save = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        consent.decide(Choices {
            analytics: analytics.get_untracked(),
            media: media.get_untracked(),
        });
    };
    view! {
        <dialog
            node_ref=dialog
            class="consent-dialog"
            aria-labelledby="consent-settings-title"
            on:close=move |_| consent.settings_open.set(false)
        >
            <form on:submit=save>
                <h2 id="consent-settings-title">{store.text(|strings| strings.cookie_settings)}</h2>
                {consent_option("consent-necessary", store.text(|strings| strings.necessary), store.text(|strings| strings.necessary_text), None)}
                {consent_option("consent-analytics", store.text(|strings| strings.analytics), store.text(|strings| strings.analytics_text), Some(analytics))}
                {consent_option("consent-media", store.text(|strings| strings.external_media), store.text(|strings| strings.external_media_text), Some(media))}
                <div class="consent-actions">
                    <button type="submit" class="button button-strong">{store.text(|strings| strings.save_choices)}</button>
                    <button type="button" class="button" on:click=move |_| consent.decide(Choices::ALL)>
                        {store.text(|strings| strings.accept_all)}
                    </button>
                    <button type="button" class="button" on:click=move |_| consent.decide(Choices::NONE)>
                        {store.text(|strings| strings.reject_all)}
                    </button>
                </div>
            </form>
        </dialog>
    }
}

/// One category in the dialog: a checkbox, its name and what it means. `choice` is `None` for
/// the necessary category, which is always on.
fn consent_option(
    id: &'static str,
    label: impl Fn() -> &'static str + Send + Sync + 'static,
    text: impl Fn() -> &'static str + Send + Sync + 'static,
    choice: Option<RwSignal<bool>>,
) -> impl IntoView {
    let text_id = format!("{id}-text");
    view! {
        <div class="consent-option">
            <input
                type="checkbox"
                id=id
                aria-describedby=text_id.clone()
                disabled=choice.is_none()
                prop:checked=move || choice.is_none_or(|choice| choice.get())
                on:change=move |event| {
                    if let Some(choice) = choice {
                        choice.set(event_target_checked(&event));
                    }
                }
            />
            <label for=id>{label}</label>
            <p id=text_id>{text}</p>
        </div>
    }
}

/// «Налаштування cookies» in the footer of every view.
#[component]
pub fn CookieSettingsLink() -> impl IntoView {
    let consent = use_consent();
    let store = use_feed_store();
    view! {
        <button type="button" class="link-button needs-js" on:click=move |_| consent.settings_open.set(true)>
            {store.text(|strings| strings.cookie_settings)}
        </button>
    }
}
