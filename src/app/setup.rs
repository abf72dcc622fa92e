//! The session setup form: the group, a name (or names) for each role, the focusing
//! question and an optional end time.

use chrono::NaiveTime;
use ratatui_textarea::TextArea;

use crate::protocol::Protocol;
use crate::session::Roster;
use crate::words::screen as w;

/// What the command line already said about the session.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Prefill {
    pub group: Option<String>,
    /// Names given per role id.
    pub roles: Vec<(String, Vec<String>)>,
    pub question: Option<String>,
    pub end_by: Option<NaiveTime>,
}

impl Prefill {
    /// The group and names the config file gives, for the roles this protocol has.
    pub fn from_defaults(
        protocol: &Protocol,
        group: Option<&str>,
        names: &[(String, String)],
    ) -> Prefill {
        let roles = names
            .iter()
            .filter_map(|(role, value)| {
                let r = protocol.role(role)?;
                Some((role.clone(), split_names(value, r.many)))
            })
            .collect();
        Prefill {
            group: group.map(String::from),
            roles,
            question: None,
            end_by: None,
        }
    }

    /// This prefill, with `over`'s values replacing its own where `over` has them.
    pub fn overridden_by(mut self, over: Prefill) -> Prefill {
        for (role, names) in over.roles {
            self.roles.retain(|(r, _)| *r != role);
            self.roles.push((role, names));
        }
        Prefill {
            group: over.group.or(self.group),
            roles: self.roles,
            question: over.question.or(self.question),
            end_by: over.end_by.or(self.end_by),
        }
    }

    /// A roster when the group and every role are named; `None` if the form must ask.
    pub fn complete_roster(&self, protocol: &Protocol) -> Option<Roster> {
        let group = self.group.clone().filter(|g| !g.trim().is_empty())?;
        let mut people = Vec::new();
        for role in &protocol.roles {
            let names = self.names(&role.id).unwrap_or_default();
            if names.is_empty() && !role.optional {
                return None;
            }
            people.push((role.id.clone(), names.to_vec()));
        }
        Some(Roster {
            group,
            people,
            question: self.question.clone().unwrap_or_default(),
            end_by: self.end_by,
            restated: None,
            tags: Vec::new(),
        })
    }

    /// Why these names cannot make a session (see [`Roster::too_big`]), if they cannot.
    pub fn too_big(&self) -> Option<String> {
        Roster {
            group: self.group.clone().unwrap_or_default(),
            people: self.roles.clone(),
            ..Roster::default()
        }
        .too_big()
    }

    fn names(&self, role: &str) -> Option<&[String]> {
        self.roles
            .iter()
            .find(|(r, _)| r == role)
            .map(|(_, n)| n.as_slice())
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum FieldKind {
    Group,
    Role { id: String, many: bool },
    Question,
    EndBy,
}

pub struct Field {
    pub label: String,
    pub hint: String,
    pub kind: FieldKind,
    pub input: TextArea<'static>,
}

impl Field {
    fn new(label: String, hint: &str, kind: FieldKind, value: &str) -> Field {
        let mut input = TextArea::new(vec![value.to_string()]);
        input.move_cursor(ratatui_textarea::CursorMove::End);
        input.set_placeholder_text(hint);
        Field {
            label,
            hint: hint.to_string(),
            kind,
            input,
        }
    }

    pub fn value(&self) -> String {
        self.input.lines().join(" ").trim().to_string()
    }
}

pub struct Setup {
    pub protocol: Protocol,
    pub fields: Vec<Field>,
    pub focus: usize,
    pub error: Option<String>,
    /// The person named in two roles has been pointed out once; starting again goes ahead.
    pub overlap_shown: bool,
}

impl Setup {
    pub fn new(protocol: Protocol, prefill: &Prefill) -> Setup {
        let mut fields = vec![Field::new(
            w::FIELD_GROUP.into(),
            w::HINT_GROUP,
            FieldKind::Group,
            prefill.group.as_deref().unwrap_or(""),
        )];
        for role in &protocol.roles {
            let value = prefill
                .names(&role.id)
                .map(|n| n.join(", "))
                .unwrap_or_default();
            let hint = match (role.many, role.optional) {
                (true, true) => w::HINT_NAMES_OPTIONAL,
                (true, false) => w::HINT_NAMES,
                (false, true) => w::HINT_NAME_OPTIONAL,
                (false, false) => w::HINT_NAME,
            };
            fields.push(Field::new(
                role.label.clone(),
                hint,
                FieldKind::Role {
                    id: role.id.clone(),
                    many: role.many,
                },
                &value,
            ));
        }
        fields.push(Field::new(
            w::FIELD_QUESTION.into(),
            w::HINT_QUESTION,
            FieldKind::Question,
            prefill.question.as_deref().unwrap_or(""),
        ));
        let end = prefill
            .end_by
            .map(|t| t.format("%H:%M").to_string())
            .unwrap_or_default();
        fields.push(Field::new(
            w::FIELD_END_BY.into(),
            w::HINT_END_BY,
            FieldKind::EndBy,
            &end,
        ));
        let focus = fields
            .iter()
            .position(|f| f.value().is_empty())
            .unwrap_or(0);
        Setup {
            protocol,
            fields,
            focus,
            error: None,
            overlap_shown: false,
        }
    }

    /// The next field; from the last, round to the first (so the footer's `Tab` always
    /// moves).
    pub fn next_field(&mut self) {
        self.focus = (self.focus + 1) % self.fields.len().max(1);
    }

    /// The field before; from the first, round to the last.
    pub fn previous_field(&mut self) {
        let count = self.fields.len().max(1);
        self.focus = (self.focus + count - 1) % count;
    }

    pub fn on_last_field(&self) -> bool {
        self.focus + 1 == self.fields.len()
    }

    /// The roster, or the first problem (and focuses the field that has it).
    pub fn roster(&mut self) -> Result<Roster, String> {
        let mut roster = Roster::default();
        for (i, field) in self.fields.iter().enumerate() {
            let value = field.value();
            let problem = match &field.kind {
                FieldKind::Group if value.is_empty() => Some(w::NAME_THE_GROUP.to_string()),
                FieldKind::Group => {
                    roster.group = value;
                    None
                }
                FieldKind::Role { id, many } => {
                    let names = split_names(&value, *many);
                    let optional = self.protocol.role(id).is_some_and(|r| r.optional);
                    if names.is_empty() && !optional {
                        Some(w::who_is(&field.label.to_lowercase()))
                    } else {
                        roster.people.push((id.clone(), names));
                        None
                    }
                }
                FieldKind::Question => {
                    roster.question = value;
                    None
                }
                FieldKind::EndBy if value.is_empty() => None,
                FieldKind::EndBy => match crate::times::parse_end_time(&value) {
                    Some(t) => {
                        roster.end_by = Some(t);
                        None
                    }
                    None => Some(w::end_by_not_a_time(&value)),
                },
            };
            if let Some(p) = problem {
                self.focus = i;
                return Err(p);
            }
        }
        if let Some(p) = roster.too_big() {
            // The group field when its name is the problem, otherwise the longest list.
            self.focus = if roster.group.chars().count() > crate::session::MAX_GROUP_CHARS {
                0
            } else {
                (0..self.fields.len())
                    .max_by_key(|&i| self.fields[i].value().len())
                    .unwrap_or(0)
            };
            return Err(p);
        }
        Ok(roster)
    }
}

/// A name given for two roles ("Sam" as Presenter and among the Participants), which
/// would show them as both speaking and silent: worth a second look before starting.
pub fn name_in_two_roles(protocol: &Protocol, roster: &Roster) -> Option<String> {
    for (i, (role_a, names_a)) in roster.people.iter().enumerate() {
        for (role_b, names_b) in &roster.people[i + 1..] {
            if let Some(name) = names_a
                .iter()
                .find(|a| names_b.iter().any(|b| b.to_lowercase() == a.to_lowercase()))
            {
                let label = |r: &str| {
                    protocol
                        .role(r)
                        .map(|r| r.label.clone())
                        .unwrap_or_else(|| r.to_string())
                };
                return Some(w::named_twice(name, &label(role_a), &label(role_b)));
            }
        }
    }
    None
}

/// Names typed in a field: several, split at commas, for roles of many people.
pub fn split_names(value: &str, many: bool) -> Vec<String> {
    if many {
        value
            .split([',', ';'])
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(String::from)
            .collect()
    } else if value.trim().is_empty() {
        Vec::new()
    } else {
        vec![value.trim().to_string()]
    }
}
