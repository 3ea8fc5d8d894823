//! Settings › Till: whether Salondesk's records are the books or the salon's
//! own certified till takes the payments (said plainly: Salondesk is not a
//! certified cash register), the till's parts on and off, the bonus card's
//! rules, the products sold, and the salon's own discount reasons.

use crate::domain::{checkout, money};
use crate::message::config::KEYS;
use crate::store::{Product, Store, StoreError};
use crate::ui::context::{Action, Ctx, Note, Problem, Request};
use crate::ui::i18n::{self, t};
use crate::ui::theme;
use crate::ui::theme::font;
use crate::ui::widget::setting_input;
use crate::ui::words::{discount_reason, problem};
use iced::widget::{button, checkbox, column, container, row, text, text_input};
use iced::{Alignment, Element, Length};

#[derive(Debug, Clone)]
pub enum Message {
    Loaded(Result<Vec<String>, StoreError>),
    Config(usize, String),
    PickProduct(i64),
    ProductName(String),
    ProductPrice(String),
    ProductVat(String),
    ProductActive(bool),
    SaveProduct,
    ReasonTyped(String),
    AddReason,
    Done(Result<&'static str, StoreError>),
}

#[derive(Debug, Default)]
pub struct Form {
    /// Every setting in the order of `KEYS` (the tab shows the till's).
    config: Vec<String>,
    product_id: i64,
    product: [String; 3],
    product_active: bool,
    reason: String,
    pub error: Option<Problem>,
}

fn till_key(name: &str) -> bool {
    ["checkout.", "vouchers.", "bonus.", "referral."].iter().any(|p| name.starts_with(p))
}

fn change(
    name: &'static str,
    done: &'static str,
    work: impl FnOnce(&mut Store) -> Result<(), StoreError> + Send + 'static,
) -> Action<Message> {
    crate::ui::context::change(name, done, work, Message::Done)
}

impl Form {
    pub fn load() -> Action<Message> {
        Action::run("load till settings", |store| Message::Loaded(store.config_values()))
    }

    pub fn save(&self) -> Action<Message> {
        let pairs: Vec<_> = KEYS
            .iter()
            .zip(&self.config)
            .filter(|(k, _)| till_key(k.name))
            .map(|(k, v)| (k.name.to_string(), v.clone()))
            .collect();
        change("save till settings", "saved-settings", move |store| store.set_config_changed(&pairs))
    }

    fn value(&self, name: &str) -> &str {
        KEYS.iter().position(|k| k.name == name).and_then(|i| self.config.get(i)).map_or("", |v| v.as_str())
    }

    fn pick(&mut self, ctx: &Ctx, id: i64) {
        let p = ctx.data.products.iter().find(|p| p.id == id);
        self.product_id = p.map_or(0, |p| p.id);
        self.product_active = p.is_none_or(|p| p.active);
        self.product = match p {
            Some(p) => [
                p.name.clone(),
                money::format_plain(p.price_cents, ctx.lang),
                p.vat_rate.map(|r| i18n::percent(ctx.lang, r)).unwrap_or_default(),
            ],
            None => Default::default(),
        };
    }

    fn product_draft(&self) -> Result<Product, Problem> {
        Ok(Product {
            id: self.product_id,
            name: self.product[0].trim().to_string(),
            price_cents: money::parse(&self.product[1])?,
            vat_rate: checkout::parse_rate(&self.product[2])?,
            active: self.product_active,
        })
    }

    pub fn update(&mut self, message: Message, ctx: &Ctx) -> Action<Message> {
        match message {
            Message::Loaded(Ok(config)) => self.config = config,
            Message::Loaded(Err(e)) | Message::Done(Err(e)) => self.error = problem(e),
            Message::Config(i, v) => {
                if let Some(slot) = self.config.get_mut(i) {
                    *slot = v;
                }
            }
            Message::PickProduct(id) => self.pick(ctx, id),
            Message::ProductName(v) => self.product[0] = v,
            Message::ProductPrice(v) => self.product[1] = v,
            Message::ProductVat(v) => self.product[2] = v,
            Message::ProductActive(on) => self.product_active = on,
            Message::SaveProduct => match self.product_draft() {
                Ok(p) => {
                    return change("save product", "saved-settings", move |store| store.save_product(&p).map(|_| ()));
                }
                Err(e) => self.error = Some(e),
            },
            Message::ReasonTyped(v) => self.reason = v,
            Message::AddReason => {
                let reason = std::mem::take(&mut self.reason);
                return change("add discount reason", "saved-settings", move |store| {
                    store.add_discount_reason(&reason)
                });
            }
            Message::Done(Ok(key)) => {
                self.error = None;
                return Action::Request(Request::ReloadSalon(Some(Note::Done(key)))).and(Form::load());
            }
        }
        Action::None
    }

    pub fn view<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let lang = ctx.lang;
        let label = |key: &str| text(t(lang, key)).size(font::LABEL).color(theme::MUTED);
        let mut fields =
            column![container(text(t(lang, "till-settings-honest")).size(font::BODY)).padding(10).style(theme::card)]
                .spacing(8);
        for (i, (key, value)) in KEYS.iter().zip(&self.config).enumerate().filter(|(_, (k, _))| till_key(k.name)) {
            // The details of a part that is off are not shown.
            let part = key.name.split('.').next().unwrap_or("");
            let on = |name: &str| self.value(name) == "on";
            let off = match part {
                "checkout" => false,
                _ if !on("checkout.enabled") => true,
                _ => !key.name.ends_with(".enabled") && !on(&format!("{part}.enabled")),
            };
            if off {
                continue;
            }
            let input = setting_input(lang, key, value, move |v| Message::Config(i, v));
            fields = fields.push(
                row![label(key.label).width(300), container(input).width(Length::Fill)]
                    .spacing(10)
                    .align_y(Alignment::Center),
            );
        }
        let right = column![self.products_view(ctx), self.reasons_view(ctx)].spacing(18).width(Length::FillPortion(1));
        row![fields.width(Length::FillPortion(1)), right].spacing(28).into()
    }

    fn products_view<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let lang = ctx.lang;
        let mut list =
            column![text(t(lang, "till-settings-products")).size(font::LABEL).color(theme::MUTED)].spacing(2);
        for p in &ctx.data.products {
            let line = row![
                text(p.name.clone()).size(font::BODY).width(Length::Fill),
                text(ctx.money(p.price_cents)).size(font::SMALL).color(theme::MUTED),
            ]
            .spacing(8);
            list = list.push(
                button(line)
                    .width(Length::Fill)
                    .style(theme::list_row(p.id == self.product_id))
                    .on_press(Message::PickProduct(p.id)),
            );
        }
        let field = |placeholder: String, value: &'a str, on: fn(String) -> Message| {
            text_input(&placeholder, value).on_input(on).size(font::BODY).padding([5, 8]).style(theme::input)
        };
        let standard = i18n::percent(lang, ctx.data.standard_rate);
        let form = row![
            field(t(lang, "field-name"), &self.product[0], Message::ProductName).width(Length::FillPortion(3)),
            field(t(lang, "field-price"), &self.product[1], Message::ProductPrice).width(Length::FillPortion(1)),
            field(standard, &self.product[2], Message::ProductVat).width(Length::FillPortion(1)),
            checkbox(self.product_active)
                .label(t(lang, "settings-active"))
                .text_size(font::BODY)
                .on_toggle(Message::ProductActive),
        ]
        .spacing(6)
        .align_y(Alignment::Center);
        let buttons = row![
            button(
                text(t(
                    lang,
                    if self.product_id == 0 { "till-settings-add-product" } else { "till-settings-save-product" }
                ))
                .size(font::BODY)
            )
            .style(theme::secondary)
            .on_press(Message::SaveProduct),
            button(text(t(lang, "till-settings-new-product")).size(font::BODY))
                .style(theme::link)
                .on_press(Message::PickProduct(0)),
        ]
        .spacing(8);
        list.push(form).push(buttons).into()
    }

    fn reasons_view<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let lang = ctx.lang;
        let said: Vec<String> = ctx.data.discount_reasons.iter().map(|r| discount_reason(lang, r)).collect();
        column![
            text(t(lang, "till-settings-reasons")).size(font::LABEL).color(theme::MUTED),
            text(said.join(" · ")).size(font::BODY),
            row![
                text_input(&t(lang, "till-settings-reason-placeholder"), &self.reason)
                    .on_input(Message::ReasonTyped)
                    .on_submit(Message::AddReason)
                    .size(font::BODY)
                    .padding([5, 8])
                    .style(theme::input),
                button(text(t(lang, "till-settings-add-reason")).size(font::BODY))
                    .style(theme::secondary)
                    .on_press(Message::AddReason),
            ]
            .spacing(8),
        ]
        .spacing(6)
        .into()
    }
}
