//! Reading one protocol file and checking it, reporting every problem with its place.
//!
//! We walk toml's spanned document ourselves instead of deriving `Deserialize`: serde
//! stops at the first error, and a facilitator fixing a file wants to see all of them at
//! once, each as `path:line:column: message` with a suggestion where one exists.

use std::fmt;
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::{
    BUILTIN_NOTE_KINDS, Block, EVERYONE, Entry, Minutes, NoteKind, Protocol, Repeat, Role, Step,
};
use crate::text::suggest;

/// One thing wrong with a protocol file, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.path, self.line, self.column, self.message
        )
    }
}

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
const STEP_KEYS: &[&str] = &[
    "name",
    "minutes",
    "speakers",
    "silent",
    "guide",
    "stems",
    "notes",
    "turns",
    "estimated",
    "adapted",
    "protected",
    "min_minutes",
    "max_minutes",
    "silence_implied",
    "open",
    "groups",
];
/// The most numbered places a go-round of small groups may have (`turns = 3`).
const MAX_SEATS: i64 = 12;
const BLOCK_KEYS: &[&str] = &["name", "guide", "repeat", "as", "rotate", "label", "steps"];
/// The longest step a file may ask for, in minutes: anything longer is surely a typo.
const MAX_MINUTES: f64 = 600.0;

type Value<'i> = Spanned<DeValue<'i>>;

/// Parses and checks `source`, the text of the file at `path`. `default_id` is used when
/// the file has no `id` (the file name without `.toml`).
pub fn parse_protocol(
    source: &str,
    path: &str,
    default_id: &str,
) -> Result<Protocol, Vec<Problem>> {
    let mut c = Checker {
        p: Problems::new(source, path),
    };
    let Some(doc) = c.p.parse(source) else {
        return Err(c.p.sorted());
    };
    let protocol = c.protocol(doc.get_ref(), default_id);
    match protocol {
        Some(p) if c.p.is_empty() => Ok(p),
        _ => Err(c.p.sorted()),
    }
}

/// Problems found in one file, each placed at its line and column.
pub(crate) struct Problems<'s> {
    src: &'s str,
    path: &'s str,
    list: Vec<Problem>,
}

impl<'s> Problems<'s> {
    pub(crate) fn new(src: &'s str, path: &'s str) -> Problems<'s> {
        Problems {
            src,
            path,
            list: Vec::new(),
        }
    }

    pub(crate) fn at(&mut self, span: Range<usize>, message: impl Into<String>) {
        let (line, column) = position(self.src, span.start);
        self.list.push(Problem {
            path: self.path.to_string(),
            line,
            column,
            message: message.into(),
        });
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// Problems in file order, as an editor would list them.
    pub(crate) fn sorted(mut self) -> Vec<Problem> {
        self.list.sort_by_key(|p| (p.line, p.column));
        self.list
    }

    /// The TOML document in `text`, or `None` with every syntax error reported.
    pub(crate) fn parse<'i>(&mut self, text: &'i str) -> Option<Spanned<DeTable<'i>>> {
        let (doc, errors) = DeTable::parse_recoverable(text);
        let mut minute_lines = Vec::new();
        for e in &errors {
            let span = e.span().unwrap_or(0..0);
            // `minutes = 5 min` is a time written in words, not a TOML puzzle: say what
            // a time looks like, once for the line.
            if let Some(start) = minutes_value_start(text, span.start) {
                if !minute_lines.contains(&start) {
                    minute_lines.push(start);
                    self.at(start..start, MINUTES_HELP);
                }
                continue;
            }
            let message = e.message().trim().trim_end_matches('.').to_string();
            self.at(span, format!("this is not valid TOML: {message}"));
        }
        errors.is_empty().then_some(doc)
    }
}

struct Checker<'s> {
    p: Problems<'s>,
}

impl Checker<'_> {
    fn at(&mut self, span: Range<usize>, message: impl Into<String>) {
        self.p.at(span, message);
    }

    fn protocol(&mut self, doc: &DeTable<'_>, default_id: &str) -> Option<Protocol> {
        self.known_keys(doc, TOP_KEYS, "at the top of the file");
        let id = match doc.get("id") {
            Some(v) => self.string(v, "id").inspect(|id| {
                if let Some(problem) = id_problem(id) {
                    self.at(v.span(), problem);
                }
            }),
            None if valid_id(default_id) => Some(default_id.to_string()),
            None if default_id.chars().count() > MAX_ID_LEN => {
                self.at(0..0, format!("the file name is {} characters long, too long for an id (at most {MAX_ID_LEN}); add a shorter one, like `id = \"{}\"`", default_id.chars().count(), make_id(default_id)));
                None
            }
            None => {
                self.at(0..0, format!("the file name `{default_id}` is not a usable id; add a line like `id = \"{}\"`", make_id(default_id)));
                None
            }
        };
        let name = match doc.get("name") {
            Some(v) => self.nonempty_string(v, "name"),
            None => {
                self.at(
                    0..0,
                    "missing `name`: add a line like `name = \"Tuning Protocol\"` at the top",
                );
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
                self.at(
                    0..0,
                    "no steps: add at least one `[[steps]]` table with a `name` and `minutes`",
                );
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
        let Some(table) = self.table(v, "roles") else {
            return Vec::new();
        };
        let mut roles = Vec::new();
        for (key, value) in table.iter() {
            let id = key.get_ref().to_string();
            if id == EVERYONE {
                self.at(
                    key.span(),
                    format!(
                        "`{EVERYONE}` is reserved (it means everyone); choose another role name"
                    ),
                );
                continue;
            }
            if !valid_role_id(&id) {
                self.at(
                    key.span(),
                    format!("role `{id}` may only use lowercase letters, digits, '-' and '_'"),
                );
            }
            let Some(fields) = self.table(value, &format!("role `{id}`")) else {
                continue;
            };
            self.known_keys(fields, ROLE_KEYS, &format!("in role `{id}`"));
            let label = match fields.get("label") {
                Some(l) => self.nonempty_string(l, "label").unwrap_or_default(),
                None => crate::text::capitalise(&id),
            };
            let many = fields
                .get("many")
                .and_then(|m| self.boolean(m, "many"))
                .unwrap_or(false);
            let typical = match fields.get("typical") {
                Some(t) => self.integer(t, "typical", 1, 100).unwrap_or(4),
                None if many => 4,
                None => 1,
            } as u32;
            let optional = fields
                .get("optional")
                .and_then(|o| self.boolean(o, "optional"))
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
        let Some(table) = self.table(v, "note_kinds") else {
            return Vec::new();
        };
        let mut kinds = Vec::new();
        for (key, value) in table.iter() {
            let id = key.get_ref().to_string();
            if BUILTIN_NOTE_KINDS.iter().any(|(k, _)| *k == id) {
                self.at(
                    key.span(),
                    format!("note kind `{id}` is built in already; remove it from [note_kinds]"),
                );
                continue;
            }
            if !valid_role_id(&id) {
                self.at(
                    key.span(),
                    format!("note kind `{id}` may only use lowercase letters, digits, '-' and '_'"),
                );
            }
            if let Some(label) = self.nonempty_string(value, &format!("note kind `{id}`")) {
                kinds.push(NoteKind { id, label });
            }
        }
        kinds
    }

    fn entries(&mut self, v: &Value<'_>, scope: &Scope<'_>, top_level: bool) -> Vec<Entry> {
        let Some(items) = v.get_ref().as_array() else {
            self.at(v.span(), "`steps` must be a list of `[[steps]]` tables");
            return Vec::new();
        };
        if items.is_empty() {
            self.at(
                v.span(),
                "`steps` is empty: a protocol needs at least one step",
            );
        }
        let mut entries = Vec::new();
        for item in items.iter() {
            let Some(table) = item.get_ref().as_table() else {
                self.at(
                    item.span(),
                    "each step must be a table: write it as `[[steps]]` followed by its keys",
                );
                continue;
            };
            let entry = if table.contains_key("repeat") && !top_level {
                self.at(
                    item.span(),
                    "a repeated block cannot contain another repeated block",
                );
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
        self.known_keys(t, BLOCK_KEYS, "in a repeated block (a step with `repeat`)");
        let name = self.required_name(t, span.clone(), "block");
        let guide = self.optional_string(t, "guide");
        let label = t
            .get("label")
            .and_then(|v| self.nonempty_string(v, "label"))
            .unwrap_or_else(|| "Round".to_string());
        let rotate = t
            .get("rotate")
            .and_then(|v| self.boolean(v, "rotate"))
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
                    Some(r) if !r.many => self.at(
                        repeat_value.span(),
                        format!("`repeat = \"{role}\"` needs a role of several people; add `many = true` to role `{role}`"),
                    ),
                    Some(r) if r.optional => self.at(
                        repeat_value.span(),
                        format!("`repeat = \"{role}\"` needs everyone of role `{role}` named, but that role is optional; remove `optional = true` or repeat a number of times"),
                    ),
                    Some(_) => {}
                    None => self.unknown_role(repeat_value.span(), &role, scope.roles, None),
                }
                if let Some(as_value) = t.get("as") {
                    if scope.roles.iter().any(|r| r.id == as_role) {
                        self.at(
                            as_value.span(),
                            format!("`as = \"{as_role}\"` names each round's person, so it must not also be declared in [roles]; choose another name or remove that role"),
                        );
                    }
                } else if scope.roles.iter().any(|r| r.id == as_role) {
                    self.at(
                        repeat_value.span(),
                        format!("role `{as_role}` is declared in [roles], but in this block it names each round's person; add `as = \"round-presenter\"` (or another unused name)"),
                    );
                }
                Repeat::EachOf(role)
            }
            DeValue::Integer(_) => {
                Repeat::Times(self.integer(repeat_value, "repeat", 1, 100)? as u32)
            }
            _ => {
                self.at(repeat_value.span(), "`repeat` must be a role name (once per person of that role) or a whole number of rounds");
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
            None => self.at(
                span,
                "this repeated block has no steps: follow it with `[[steps.steps]]` tables",
            ),
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

    fn step(&mut self, t: &DeTable<'_>, span: Range<usize>, scope: &Scope<'_>) -> Option<Step> {
        let misspelt = self.known_keys(t, STEP_KEYS, "in a step");
        if t.contains_key("steps") {
            self.at(span.clone(), "only a repeated block has its own `steps`: add `repeat = \"<role>\"` or `repeat = <number>` to this step");
        }
        let name = self.required_name(t, span.clone(), "step");
        let minutes = match t.get("minutes") {
            Some(v) => self.minutes(v),
            // A misspelt `minutes` was reported already; one message is enough.
            None if misspelt.contains(&"minutes") => None,
            None => {
                let what = name
                    .as_deref()
                    .map(|n| format!("step \"{n}\""))
                    .unwrap_or("this step".into());
                self.at(span, format!("{what} has no `minutes`: add a line like `minutes = 5` (or a range like `[5, 10]`)"));
                None
            }
        };
        let speakers = self.roles_list(t, "speakers", scope);
        let silent = self.roles_list(t, "silent", scope);
        let (turns, seats) = match t.get("turns") {
            Some(v) => self.turns(v, scope),
            None => (None, None),
        };
        let min_minutes = self.limit(t, "min_minutes");
        let max_minutes = self.limit(t, "max_minutes");
        self.step_consistency(t, minutes, (min_minutes, max_minutes));
        let groups = t
            .get("groups")
            .and_then(|v| self.nonempty_string(v, "groups"));
        let notes = match t.get("notes") {
            Some(v) => {
                let kinds = self.string_list(v, "notes");
                for kind in &kinds {
                    let known = BUILTIN_NOTE_KINDS
                        .iter()
                        .map(|(k, _)| *k)
                        .chain(scope.kinds.iter().map(|k| k.id.as_str()));
                    if !known.clone().any(|k| k == kind) {
                        let hint = match suggest(kind, known.clone()) {
                            Some(s) => format!("did you mean `{s}`?"),
                            None => "declare it under [note_kinds], like `quote = \"Quote\"`"
                                .to_string(),
                        };
                        self.at(v.span(), format!("unknown note kind `{kind}`; {hint}"));
                    }
                }
                kinds
            }
            None => Vec::new(),
        };
        Some(Step {
            name: name?,
            minutes: minutes?,
            speakers,
            silent,
            guide: self.optional_string(t, "guide"),
            stems: t
                .get("stems")
                .map(|v| self.string_list(v, "stems"))
                .unwrap_or_default(),
            notes,
            turns,
            seats,
            estimated: self.flag(t, "estimated"),
            adapted: self.flag(t, "adapted"),
            protected: self.flag(t, "protected"),
            min_minutes,
            max_minutes,
            silence_implied: self.flag(t, "silence_implied"),
            open: self.flag(t, "open"),
            groups,
        })
    }

    fn flag(&mut self, t: &DeTable<'_>, key: &str) -> bool {
        t.get(key)
            .and_then(|v| self.boolean(v, key))
            .unwrap_or(false)
    }

    /// `turns = "participant"` (a go-round of that role's people) or `turns = 3` (a
    /// go-round of numbered places, the same in every small group).
    fn turns(&mut self, v: &Value<'_>, scope: &Scope<'_>) -> (Option<String>, Option<u32>) {
        match v.get_ref() {
            DeValue::Integer(_) => {
                let n = self.integer(v, "turns", 2, MAX_SEATS);
                (None, n.map(|n| n as u32))
            }
            DeValue::String(_) => {
                let Some(role) = self.nonempty_string(v, "turns") else {
                    return (None, None);
                };
                match scope.roles.iter().find(|r| r.id == role) {
                    Some(r) if r.optional => {
                        self.at(v.span(), format!("`turns = \"{role}\"` needs names for role `{role}`, but that role is optional; use a number of places instead, like `turns = 3`"));
                        (None, None)
                    }
                    Some(_) => (Some(role), None),
                    None => {
                        self.unknown_role(v.span(), &role, scope.roles, None);
                        (None, None)
                    }
                }
            }
            _ => {
                self.at(v.span(), "`turns` must be a role name in quotes, like \"participant\", or a number of places in each small group, like 3");
                (None, None)
            }
        }
    }

    /// Checks what the new step keys say against each other and against its minutes.
    fn step_consistency(
        &mut self,
        t: &DeTable<'_>,
        minutes: Option<Minutes>,
        limits: (Option<f64>, Option<f64>),
    ) {
        let (min, max) = limits;
        let span_of = |key: &str| t.get(key).map(|v| v.span()).unwrap_or(0..0);
        if let (Some(a), Some(b)) = (min, max)
            && b < a
        {
            self.at(span_of("max_minutes"), format!("`max_minutes` ({}) is less than `min_minutes` ({}); the published longest time comes after the shortest", fmt_num(b), fmt_num(a)));
            return;
        }
        if let Some(m) = minutes {
            if let Some(a) = min
                && m.planned < a
            {
                self.at(span_of("minutes"), format!("the planned {} minutes is below `min_minutes = {}`; plan at least the published shortest time", fmt_num(m.planned), fmt_num(a)));
            }
            if let Some(b) = max
                && m.max > b
            {
                let what = if m.is_range() {
                    format!("the range reaches {}", fmt_num(m.max))
                } else {
                    format!("{} minutes", fmt_num(m.max))
                };
                self.at(
                    span_of("minutes"),
                    format!(
                        "{what}, past `max_minutes = {}`; keep within the published longest time",
                        fmt_num(b)
                    ),
                );
            }
        }
        if self.flag_set(t, "estimated") && self.flag_set(t, "adapted") {
            self.at(span_of("adapted"), "a step's time is either `estimated` (no published time) or `adapted` (taken from an adaptation), not both");
        }
        if self.flag_set(t, "open") && t.contains_key("turns") {
            self.at(
                span_of("open"),
                "an `open` step has no turns (people speak when moved); remove `open` or `turns`",
            );
        }
        if self.flag_set(t, "silence_implied") && !t.contains_key("silent") {
            self.at(span_of("silence_implied"), "`silence_implied` marks the `silent` roles' silence as implied; add a `silent` list or remove it");
        }
    }

    fn flag_set(&self, t: &DeTable<'_>, key: &str) -> bool {
        t.get(key)
            .and_then(|v| v.get_ref().as_bool())
            .unwrap_or(false)
    }

    /// `min_minutes` or `max_minutes`: a published limit, in minutes.
    fn limit(&mut self, t: &DeTable<'_>, key: &str) -> Option<f64> {
        let v = t.get(key)?;
        match v.get_ref() {
            DeValue::Integer(_) | DeValue::Float(_) => self.positive(v, key),
            _ => {
                self.at(
                    v.span(),
                    format!("`{key}` must be a number of minutes, like 5 or 0.5 for 30 seconds"),
                );
                None
            }
        }
    }

    fn required_name(&mut self, t: &DeTable<'_>, span: Range<usize>, what: &str) -> Option<String> {
        match t.get("name") {
            Some(v) => self.nonempty_string(v, "name"),
            None => {
                self.at(span, format!("this {what} has no `name`: add a line like `name = \"Clarifying questions\"`"));
                None
            }
        }
    }

    fn minutes(&mut self, v: &Value<'_>) -> Option<Minutes> {
        const HELP: &str = MINUTES_HELP;
        match v.get_ref() {
            DeValue::Integer(_) | DeValue::Float(_) => {
                let m = self.positive(v, "minutes")?;
                Some(Minutes { planned: m, max: m })
            }
            DeValue::Array(items) => {
                if items.len() != 2 {
                    self.at(
                        v.span(),
                        format!(
                            "{HELP}: a range has exactly two numbers, the planned and the longest"
                        ),
                    );
                    return None;
                }
                let (a, b) = (
                    self.positive(&items[0], "minutes"),
                    self.positive(&items[1], "minutes"),
                );
                let (a, b) = (a?, b?);
                if b < a {
                    self.at(v.span(), format!("the range [{}, {}] ends before it starts; write the planned minutes first, then the longest", fmt_num(a), fmt_num(b)));
                    return None;
                }
                Some(Minutes { planned: a, max: b })
            }
            _ => {
                self.at(v.span(), HELP);
                None
            }
        }
    }

    /// A number of minutes above 0 and at most [`MAX_MINUTES`], each problem said in words.
    fn positive(&mut self, v: &Value<'_>, key: &str) -> Option<f64> {
        let m = match read_number(v.get_ref()) {
            Number::Finite(m) => m,
            Number::TooLarge => {
                self.at(
                    v.span(),
                    format!(
                        "`{key}` is too large: a step can be at most {} minutes",
                        fmt_num(MAX_MINUTES)
                    ),
                );
                return None;
            }
            Number::NaNOrInfinite(found) => {
                self.at(
                    v.span(),
                    format!("`{key}` must be a number of minutes (found {found})"),
                );
                return None;
            }
            Number::Other(found) => {
                self.at(v.span(), format!("`{key}` must be a number, found {found}"));
                return None;
            }
        };
        if m <= 0.0 {
            let found = if m > -1e6 {
                format!(" (found {})", fmt_num(m))
            } else {
                String::new()
            };
            self.at(v.span(), format!("{key} must be more than 0{found}"));
            None
        } else if m > MAX_MINUTES {
            self.at(
                v.span(),
                format!(
                    "`{key}` is too large: a step can be at most {} minutes",
                    fmt_num(MAX_MINUTES)
                ),
            );
            None
        } else {
            Some(m)
        }
    }

    fn roles_list(&mut self, t: &DeTable<'_>, key: &str, scope: &Scope<'_>) -> Vec<String> {
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

    fn unknown_role(
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
        let message = match suggest(name, candidates) {
            Some(s) => format!("role `{name}` is not declared in [roles]; did you mean `{s}`?"),
            None => format!(
                "role `{name}` is not declared; add it under [roles], like `{name} = {{ label = \"{}\" }}`",
                crate::text::capitalise(name)
            ),
        };
        self.at(span, message);
    }

    /// Reports unknown keys; returns the known keys they seem to be misspellings of.
    fn known_keys(
        &mut self,
        t: &DeTable<'_>,
        allowed: &[&'static str],
        place: &str,
    ) -> Vec<&'static str> {
        let mut misspelt = Vec::new();
        for key in t.keys() {
            let k = key.get_ref();
            if !allowed.contains(&k.as_ref()) {
                let guess = suggest(k, allowed.iter().copied());
                misspelt.extend(guess);
                let message = match guess {
                    Some(s) => format!("unknown key `{k}` {place}; did you mean `{s}`?"),
                    None => format!(
                        "unknown key `{k}` {place}; the keys here are {}",
                        allowed.join(", ")
                    ),
                };
                self.at(key.span(), message);
            }
        }
        misspelt
    }

    fn table<'a, 'i>(&mut self, v: &'a Value<'i>, what: &str) -> Option<&'a DeTable<'i>> {
        let t = v.get_ref().as_table();
        if t.is_none() {
            self.at(
                v.span(),
                format!("{what} must be a table, like `{{ label = \"Presenter\" }}`"),
            );
        }
        t
    }

    fn string(&mut self, v: &Value<'_>, key: &str) -> Option<String> {
        match v.get_ref().as_str() {
            Some(s) => Some(s.to_string()),
            None => {
                self.at(
                    v.span(),
                    format!(
                        "`{key}` must be text in quotes, found {}",
                        v.get_ref().type_str()
                    ),
                );
                None
            }
        }
    }

    fn nonempty_string(&mut self, v: &Value<'_>, key: &str) -> Option<String> {
        let s = self.string(v, key)?;
        if s.trim().is_empty() {
            self.at(v.span(), format!("`{key}` is empty"));
            return None;
        }
        Some(s)
    }

    fn optional_string(&mut self, t: &DeTable<'_>, key: &str) -> String {
        t.get(key)
            .and_then(|v| self.string(v, key))
            .unwrap_or_default()
    }

    fn string_list(&mut self, v: &Value<'_>, key: &str) -> Vec<String> {
        let Some(items) = v.get_ref().as_array() else {
            self.at(
                v.span(),
                format!("`{key}` must be a list in brackets, like [\"presenter\"]"),
            );
            return Vec::new();
        };
        items
            .iter()
            .filter_map(|item| self.string(item, key))
            .collect()
    }

    fn boolean(&mut self, v: &Value<'_>, key: &str) -> Option<bool> {
        let b = v.get_ref().as_bool();
        if b.is_none() {
            self.at(v.span(), format!("`{key}` must be true or false"));
        }
        b
    }

    fn integer(&mut self, v: &Value<'_>, key: &str, min: i64, max: i64) -> Option<i64> {
        let n = match v.get_ref() {
            DeValue::Integer(i) => {
                i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()).ok()
            }
            _ => None,
        };
        match n {
            Some(n) if (min..=max).contains(&n) => Some(n),
            _ => {
                self.at(
                    v.span(),
                    format!("`{key}` must be a whole number from {min} to {max}"),
                );
                None
            }
        }
    }
}

/// What a step may refer to where it stands.
struct Scope<'a> {
    roles: &'a [Role],
    kinds: &'a [NoteKind],
    /// Inside a per-person block: the name of the round's person (`presenter`).
    round_role: Option<&'a str>,
}

/// What a facilitator is told when `minutes` is not a time.
const MINUTES_HELP: &str =
    "minutes must be a number (5, or 0.5 for 30 seconds) or a range like [5, 10]";

/// The keys whose values are minutes: a TOML error on their line gets [`MINUTES_HELP`].
const MINUTE_KEYS: [&str; 3] = ["minutes", "min_minutes", "max_minutes"];

/// If `offset` lies on a line `minutes = …` (or `min_minutes`, `max_minutes`), the byte
/// offset where that line's value starts.
fn minutes_value_start(text: &str, offset: usize) -> Option<usize> {
    let offset = offset.min(text.len());
    let line_start = text.get(..offset)?.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let line_end = text[line_start..]
        .find('\n')
        .map(|i| line_start + i)
        .unwrap_or(text.len());
    let line = &text[line_start..line_end];
    let (key, value) = line.split_once('=')?;
    if !MINUTE_KEYS.contains(&key.trim()) {
        return None;
    }
    let value_at = line_start + key.len() + 1;
    Some(value_at + (value.len() - value.trim_start().len()))
}

/// A TOML number as a time, or why it is not one.
enum Number {
    Finite(f64),
    TooLarge,
    /// `nan` or `inf`.
    NaNOrInfinite(String),
    /// Not a number at all: text, a list, a table…
    Other(&'static str),
}

fn read_number(v: &DeValue<'_>) -> Number {
    match v {
        DeValue::Integer(i) => {
            match i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()) {
                Ok(n) => Number::Finite(n as f64),
                // Too many digits for a whole number: larger than any step, or below 0.
                Err(_) if i.as_str().starts_with('-') => Number::Finite(-1.0),
                Err(_) => Number::TooLarge,
            }
        }
        DeValue::Float(f) => {
            let text = f.as_str().replace('_', "");
            match text.parse::<f64>() {
                Ok(x) if x.is_finite() => Number::Finite(x),
                Ok(x) if x.is_infinite() && !text.contains("inf") => Number::TooLarge,
                _ => Number::NaNOrInfinite(text.trim_start_matches('+').to_string()),
            }
        }
        other => Number::Other(other.type_str()),
    }
}

/// A number as a person writes it: `5`, `2.5`, `0.75` (callers keep huge ones out).
fn fmt_num(x: f64) -> String {
    crate::text::minutes(x)
}

/// 1-based line and column (in characters) of a byte offset.
fn position(src: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(src.len());
    let before = src.get(..offset).unwrap_or(src);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// The longest id a protocol may have, in characters: it names files and is typed in
/// commands.
pub const MAX_ID_LEN: usize = 64;

/// What is wrong with `id` as a protocol id, in words, or `None` if it is usable.
pub fn id_problem(id: &str) -> Option<String> {
    let length = id.chars().count();
    if length > MAX_ID_LEN {
        let start: String = id.chars().take(20).collect();
        Some(format!(
            "id `{start}…` is {length} characters long; an id may have at most {MAX_ID_LEN}, like `{}`",
            make_id(id)
        ))
    } else if !valid_id(id) {
        Some(format!(
            "id `{id}` may only use lowercase letters, digits and '-'; try `{}`",
            make_id(id)
        ))
    } else {
        None
    }
}

pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_ID_LEN
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !id.starts_with('-')
}

fn valid_role_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

/// A usable id made from any text: `My Tuning!` → `my-tuning`.
pub(crate) fn make_id(text: &str) -> String {
    let mut id = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            id.push(c.to_ascii_lowercase());
        } else if !id.ends_with('-') && !id.is_empty() {
            id.push('-');
        }
    }
    let id: String = id.chars().take(MAX_ID_LEN).collect();
    let id = id.trim_end_matches('-').to_string();
    if id.is_empty() {
        "my-protocol".to_string()
    } else {
        id
    }
}
