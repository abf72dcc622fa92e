//! Reading one protocol file and checking it against the schema, reporting every problem
//! with its place: the top of the file, roles, note kinds, the list of steps and repeated
//! blocks here; one step and its minutes in [`super::parse_step`].
//!
//! The reading itself (places, typed values, unknown keys) is the shared
//! [`Checker`](crate::diagnostics::Checker); the words are in [`crate::words::checks`];
//! what an id may be is in [`super::ids`].

use std::ops::Range;

use toml::de::{DeTable, DeValue};

use super::ids::{id_from_file_name, id_problem, valid_role_id};
use super::{BUILTIN_NOTE_KINDS, Block, EVERYONE, Entry, NoteKind, Protocol, Repeat, Role};
use crate::diagnostics::suggest;
use crate::diagnostics::{Checker, Problem, Value};
use crate::words::checks as words;

use super::parse_step::minutes_hint;

const TOP_KEYS: &[&str] = &[
    "id",
    "name",
    "summary",
    "source",
    "tags",
    "roles",
    "note_kinds",
    "steps",
];
const ROLE_KEYS: &[&str] = &["label", "many", "typical", "optional"];
const BLOCK_KEYS: &[&str] = &["name", "guide", "repeat", "as", "rotate", "label", "steps"];

/// Parses and checks `source`, the text of the file at `path`. `default_id` is used when
/// the file has no `id` (the file name without `.toml`).
pub fn parse_protocol(
    source: &str,
    path: &str,
    default_id: &str,
) -> Result<Protocol, Vec<Problem>> {
    let mut c = Check {
        c: Checker::new(source, path),
    };
    let Some(doc) = c.c.parse(Some(minutes_hint)) else {
        return Err(c.c.sorted());
    };
    let protocol = c.protocol(doc.get_ref(), default_id);
    match protocol {
        Some(p) if c.c.is_empty() => Ok(p),
        _ => Err(c.c.sorted()),
    }
}

/// The shared checker, with what protocol files mean.
pub(super) struct Check<'s> {
    pub(super) c: Checker<'s>,
}

/// What a step may refer to where it stands.
pub(super) struct Scope<'a> {
    pub(super) roles: &'a [Role],
    pub(super) kinds: &'a [NoteKind],
    /// Inside a per-person block: the name of the round's person (`presenter`).
    pub(super) round_role: Option<&'a str>,
}

impl Check<'_> {
    pub(super) fn at(&mut self, span: Range<usize>, message: impl Into<String>) {
        self.c.at(span, message);
    }

    fn protocol(&mut self, doc: &DeTable<'_>, default_id: &str) -> Option<Protocol> {
        self.known_keys(doc, TOP_KEYS, words::AT_THE_TOP);
        let id = match doc.get("id") {
            Some(v) => self.c.string(v, "id").inspect(|id| {
                if let Some(problem) = id_problem(id) {
                    self.at(v.span(), problem);
                }
            }),
            None => id_from_file_name(default_id)
                .map_err(|problem| self.at(0..0, problem))
                .ok(),
        };
        let name = match doc.get("name") {
            Some(v) => self.nonempty_string(v, "name"),
            None => {
                self.at(0..0, words::MISSING_NAME);
                None
            }
        };
        let summary = self.optional_string(doc, "summary");
        let source = self.optional_string(doc, "source");
        let tags = doc
            .get("tags")
            .map(|v| self.string_list(v, "tags"))
            .unwrap_or_default();
        let roles = doc.get("roles").map(|v| self.roles(v)).unwrap_or_default();
        let note_kinds = doc
            .get("note_kinds")
            .map(|v| self.note_kinds(v))
            .unwrap_or_default();
        let scope = Scope {
            roles: &roles,
            kinds: &note_kinds,
            round_role: None,
        };
        let steps = match doc.get("steps") {
            Some(v) => self.entries(v, &scope, true),
            None => {
                self.at(0..0, words::NO_STEPS);
                Vec::new()
            }
        };
        Some(Protocol {
            id: id?,
            name: name?,
            summary,
            source,
            tags,
            roles,
            note_kinds,
            steps,
        })
    }

    fn roles(&mut self, v: &Value<'_>) -> Vec<Role> {
        let Some(table) = self.c.table(v, || words::ROLES_NOT_A_TABLE.to_string()) else {
            return Vec::new();
        };
        let mut roles = Vec::new();
        for (key, value) in table.iter() {
            let id = key.get_ref().to_string();
            if id == EVERYONE {
                self.at(key.span(), words::role_reserved(EVERYONE));
                continue;
            }
            if !valid_role_id(&id) {
                self.at(key.span(), words::role_characters(&id));
            }
            let Some(fields) = self
                .c
                .table(value, || words::must_be_table(&words::role(&id)))
            else {
                continue;
            };
            self.known_keys(fields, ROLE_KEYS, &words::in_role(&id));
            let label = match fields.get("label") {
                Some(l) => self.nonempty_string(l, "label").unwrap_or_default(),
                None => crate::text::capitalise(&id),
            };
            let many = fields
                .get("many")
                .and_then(|m| self.c.boolean(m, "many"))
                .unwrap_or(false);
            let typical = match fields.get("typical") {
                Some(t) => self.c.integer(t, "typical", 1, 100).unwrap_or(4),
                None if many => 4,
                None => 1,
            } as u32;
            let optional = fields
                .get("optional")
                .and_then(|o| self.c.boolean(o, "optional"))
                .unwrap_or(false);
            roles.push(Role {
                id,
                label,
                many,
                typical,
                optional,
            });
        }
        roles
    }

    fn note_kinds(&mut self, v: &Value<'_>) -> Vec<NoteKind> {
        let Some(table) = self
            .c
            .table(v, || words::NOTE_KINDS_NOT_A_TABLE.to_string())
        else {
            return Vec::new();
        };
        let mut kinds = Vec::new();
        for (key, value) in table.iter() {
            let id = key.get_ref().to_string();
            if BUILTIN_NOTE_KINDS.iter().any(|(k, _)| *k == id) {
                self.at(key.span(), words::note_kind_built_in(&id));
                continue;
            }
            if !valid_role_id(&id) {
                self.at(key.span(), words::note_kind_characters(&id));
            }
            if let Some(label) = self.nonempty_string(value, &words::note_kind(&id)) {
                kinds.push(NoteKind { id, label });
            }
        }
        kinds
    }

    fn entries(&mut self, v: &Value<'_>, scope: &Scope<'_>, top_level: bool) -> Vec<Entry> {
        let Some(items) = v.get_ref().as_array() else {
            self.at(v.span(), words::STEPS_NOT_A_LIST);
            return Vec::new();
        };
        if items.is_empty() {
            self.at(v.span(), words::STEPS_EMPTY);
        }
        let mut entries = Vec::new();
        for item in items.iter() {
            let Some(table) = item.get_ref().as_table() else {
                self.at(item.span(), words::STEP_NOT_A_TABLE);
                continue;
            };
            let entry = if table.contains_key("repeat") && !top_level {
                self.at(item.span(), words::NESTED_BLOCK);
                None
            } else if table.contains_key("repeat") {
                self.block(table, item.span(), scope).map(Entry::Block)
            } else {
                self.step(table, item.span(), scope).map(Entry::Step)
            };
            entries.extend(entry);
        }
        entries
    }

    fn block(&mut self, t: &DeTable<'_>, span: Range<usize>, scope: &Scope<'_>) -> Option<Block> {
        self.known_keys(t, BLOCK_KEYS, words::IN_A_BLOCK);
        let name = self.required_name(t, span.clone(), words::BLOCK_WITHOUT_NAME);
        let guide = self.optional_string(t, "guide");
        let label = t
            .get("label")
            .and_then(|v| self.nonempty_string(v, "label"))
            .unwrap_or_else(|| words::ROUND.to_string());
        let rotate = t
            .get("rotate")
            .and_then(|v| self.c.boolean(v, "rotate"))
            .unwrap_or(false);
        let as_role = t
            .get("as")
            .and_then(|v| self.nonempty_string(v, "as"))
            .unwrap_or_else(|| "presenter".to_string());
        let repeat_value = t.get("repeat")?;
        let repeat = match repeat_value.get_ref() {
            DeValue::String(role) => {
                let role = role.to_string();
                match scope.roles.iter().find(|r| r.id == role) {
                    Some(r) if !r.many => {
                        self.at(repeat_value.span(), words::repeat_needs_many(&role));
                    }
                    Some(r) if r.optional => {
                        self.at(repeat_value.span(), words::repeat_optional_role(&role));
                    }
                    Some(_) => {}
                    None => self.unknown_role(repeat_value.span(), &role, scope.roles, None),
                }
                if let Some(as_value) = t.get("as") {
                    if scope.roles.iter().any(|r| r.id == as_role) {
                        self.at(as_value.span(), words::as_role_declared(&as_role));
                    }
                } else if scope.roles.iter().any(|r| r.id == as_role) {
                    self.at(repeat_value.span(), words::round_role_declared(&as_role));
                }
                Repeat::EachOf(role)
            }
            DeValue::Integer(_) => {
                Repeat::Times(self.c.integer(repeat_value, "repeat", 1, 100)? as u32)
            }
            _ => {
                self.at(repeat_value.span(), words::REPEAT_KIND);
                return None;
            }
        };
        let round_role = matches!(repeat, Repeat::EachOf(_)).then_some(as_role.as_str());
        let inner = Scope {
            roles: scope.roles,
            kinds: scope.kinds,
            round_role,
        };
        let mut steps = Vec::new();
        match t.get("steps") {
            Some(v) => {
                steps = self
                    .entries(v, &inner, false)
                    .into_iter()
                    .filter_map(|e| match e {
                        Entry::Step(s) => Some(s),
                        Entry::Block(_) => None,
                    })
                    .collect();
            }
            None => self.at(span, words::BLOCK_WITHOUT_STEPS),
        }
        Some(Block {
            name: name?,
            guide,
            repeat,
            as_role,
            rotate,
            label,
            steps,
        })
    }

    /// The `name` of a step or block; `missing` says it has none.
    pub(super) fn required_name(
        &mut self,
        t: &DeTable<'_>,
        span: Range<usize>,
        missing: &'static str,
    ) -> Option<String> {
        match t.get("name") {
            Some(v) => self.nonempty_string(v, "name"),
            None => {
                self.at(span, missing);
                None
            }
        }
    }

    /// The role names listed under `key` (`speakers`, `silent`), each checked against
    /// the roles declared where the step stands.
    pub(super) fn roles_list(
        &mut self,
        t: &DeTable<'_>,
        key: &str,
        scope: &Scope<'_>,
    ) -> Vec<String> {
        let Some(v) = t.get(key) else {
            return Vec::new();
        };
        let names = self.string_list(v, key);
        let spans: Vec<Range<usize>> = match v.get_ref().as_array() {
            Some(items) => items.iter().map(|i| i.span()).collect(),
            None => Vec::new(),
        };
        for (i, name) in names.iter().enumerate() {
            let declared = name == EVERYONE
                || scope.round_role == Some(name.as_str())
                || scope.roles.iter().any(|r| &r.id == name);
            if !declared {
                let span = spans.get(i).cloned().unwrap_or(v.span());
                self.unknown_role(span, name, scope.roles, scope.round_role);
            }
        }
        names
    }

    pub(super) fn unknown_role(
        &mut self,
        span: Range<usize>,
        name: &str,
        roles: &[Role],
        round_role: Option<&str>,
    ) {
        let candidates = roles
            .iter()
            .map(|r| r.id.as_str())
            .chain(round_role)
            .chain([EVERYONE]);
        let guess = suggest(name, candidates);
        let label = crate::text::capitalise(name);
        self.at(span, words::unknown_role(name, guess, &label));
    }

    /// Reports unknown keys `place` (a step, a role…); returns the known keys they seem
    /// to be misspellings of.
    pub(super) fn known_keys(
        &mut self,
        t: &DeTable<'_>,
        allowed: &[&'static str],
        place: &str,
    ) -> Vec<&'static str> {
        self.c.known_keys(t, allowed, |key, guess| {
            words::unknown_key(key, place, guess, allowed)
        })
    }

    pub(super) fn nonempty_string(&mut self, v: &Value<'_>, key: &str) -> Option<String> {
        self.c.nonempty(v, key, words::is_empty)
    }

    pub(super) fn optional_string(&mut self, t: &DeTable<'_>, key: &str) -> String {
        t.get(key)
            .and_then(|v| self.c.string(v, key))
            .unwrap_or_default()
    }

    pub(super) fn string_list(&mut self, v: &Value<'_>, key: &str) -> Vec<String> {
        self.c.strings(v, key, || words::must_be_list(key))
    }
}
