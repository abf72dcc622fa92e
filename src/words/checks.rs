//! Words for checks: every message a person reads about a protocol file or `config.toml`
//! that crit found wrong, and the warnings about settings it could not use.
//!
//! Each is a constant or a small formatter; numbers arrive already written the way a
//! person writes them (`5`, `0.5`), so nothing here formats on its own.

// ---- Any TOML file: the shared checker (`diagnostics`) ----

/// A TOML syntax error, in the parser's own words.
pub fn not_toml(message: &str) -> String {
    format!("this is not valid TOML: {message}")
}

/// A key as a message names it: `name` in backticks, or as given when it names itself
/// already ("note kind `quote`"), so backticks never nest.
fn named(key: &str) -> String {
    if key.contains('`') {
        key.to_string()
    } else {
        format!("`{key}`")
    }
}

pub fn must_be_text(key: &str, found: &str) -> String {
    format!("{} must be text in quotes, found {found}", named(key))
}

/// A required text that is blank.
pub fn is_empty(key: &str) -> String {
    format!("{} is empty", named(key))
}

/// A setting that is blank (settings may be left out instead).
pub fn setting_is_empty(key: &str) -> String {
    format!("{} is empty; remove the line or fill it in", named(key))
}

/// `quoted`: the value when it was `"true"` or `"false"` in quotes.
pub fn must_be_bool(key: &str, quoted: Option<&str>) -> String {
    match quoted {
        Some(s) => format!("`{key}` must be true or false (without quotes: `{key} = {s}`)"),
        None => format!("`{key}` must be true or false"),
    }
}

pub fn must_be_whole_number(key: &str, min: i64, max: i64) -> String {
    format!("`{key}` must be a whole number from {min} to {max}")
}

// ---- Protocol files ----

/// What a facilitator is told when `minutes` is not a time.
pub const MINUTES_HELP: &str =
    "minutes must be a number (5, or 0.5 for 30 seconds) or a range like [5, 10]";

/// An unknown key in a protocol file, `place` saying where ("in a step").
pub fn unknown_key(key: &str, place: &str, guess: Option<&str>, allowed: &[&str]) -> String {
    match guess {
        Some(s) => format!("unknown key `{key}` {place}; did you mean `{s}`?"),
        None => format!(
            "unknown key `{key}` {place}; the keys here are {}",
            allowed.join(", ")
        ),
    }
}

pub const AT_THE_TOP: &str = "at the top of the file";
pub const IN_A_BLOCK: &str = "in a repeated block (a step with `repeat`)";
pub const IN_A_STEP: &str = "in a step";

pub fn in_role(id: &str) -> String {
    format!("in role `{id}`")
}

pub fn id_too_long(start: &str, length: usize, max: usize, suggestion: &str) -> String {
    format!(
        "id `{start}…` is {length} characters long; an id may have at most {max}, like `{suggestion}`"
    )
}

pub fn id_characters(id: &str, suggestion: &str) -> String {
    format!("id `{id}` may only use lowercase letters, digits and '-'; try `{suggestion}`")
}

pub fn file_name_too_long(length: usize, max: usize, suggestion: &str) -> String {
    format!(
        "the file name is {length} characters long, too long for an id (at most {max}); add a shorter one, like `id = \"{suggestion}\"`"
    )
}

pub fn file_name_not_an_id(name: &str, suggestion: &str) -> String {
    format!("the file name `{name}` is not a usable id; add a line like `id = \"{suggestion}\"`")
}

pub const MISSING_NAME: &str =
    "missing `name`: add a line like `name = \"Tuning Protocol\"` at the top";

pub const NO_STEPS: &str =
    "no steps: add at least one `[[steps]]` table with a `name` and `minutes`";

pub fn role_reserved(everyone: &str) -> String {
    format!("`{everyone}` is reserved (it means everyone); choose another role name")
}

pub fn role_characters(id: &str) -> String {
    format!("role `{id}` may only use lowercase letters, digits, '-' and '_'")
}

/// `what`: "role `x`".
pub fn must_be_table(what: &str) -> String {
    format!("{what} must be a table, like `{{ label = \"Presenter\" }}`")
}

/// `roles = …` that is not a table.
pub const ROLES_NOT_A_TABLE: &str = "roles must be a table: a `[roles]` line, then lines like \
     `presenter = { label = \"Presenter\" }`";

/// `note_kinds = …` that is not a table.
pub const NOTE_KINDS_NOT_A_TABLE: &str = "note_kinds must be a table: a `[note_kinds]` line, \
     then lines like `quote = \"Quote\"`";

pub fn role(id: &str) -> String {
    format!("role `{id}`")
}

pub fn note_kind(id: &str) -> String {
    format!("note kind `{id}`")
}

pub fn note_kind_built_in(id: &str) -> String {
    format!("note kind `{id}` is built in already; remove it from [note_kinds]")
}

pub fn note_kind_characters(id: &str) -> String {
    format!("note kind `{id}` may only use lowercase letters, digits, '-' and '_'")
}

pub fn unknown_note_kind(kind: &str, guess: Option<&str>) -> String {
    match guess {
        Some(s) => format!("unknown note kind `{kind}`; did you mean `{s}`?"),
        None => format!(
            "unknown note kind `{kind}`; declare it under [note_kinds], like `quote = \"Quote\"`"
        ),
    }
}

pub const STEPS_NOT_A_LIST: &str = "`steps` must be a list of `[[steps]]` tables";
pub const STEPS_EMPTY: &str = "`steps` is empty: a protocol needs at least one step";
pub const STEP_NOT_A_TABLE: &str =
    "each step must be a table: write it as `[[steps]]` followed by its keys";
pub const NESTED_BLOCK: &str = "a repeated block cannot contain another repeated block";
pub const BLOCK_WITHOUT_STEPS: &str =
    "this repeated block has no steps: follow it with `[[steps.steps]]` tables";
pub const REPEAT_KIND: &str =
    "`repeat` must be a role name (once per person of that role) or a whole number of rounds";
pub const STEP_WITH_STEPS: &str = "only a repeated block has its own `steps`: add `repeat = \"<role>\"` or `repeat = <number>` to this step";

pub fn repeat_needs_many(role: &str) -> String {
    format!(
        "`repeat = \"{role}\"` needs a role of several people; add `many = true` to role `{role}`"
    )
}

pub fn repeat_optional_role(role: &str) -> String {
    format!(
        "`repeat = \"{role}\"` needs everyone of role `{role}` named, but that role is optional; remove `optional = true` or repeat a number of times"
    )
}

pub fn as_role_declared(as_role: &str) -> String {
    format!(
        "`as = \"{as_role}\"` names each round's person, so it must not also be declared in [roles]; choose another name or remove that role"
    )
}

pub fn round_role_declared(as_role: &str) -> String {
    format!(
        "role `{as_role}` is declared in [roles], but in this block it names each round's person; add `as = \"round-presenter\"` (or another unused name)"
    )
}

pub const STEP_WITHOUT_NAME: &str =
    "this step has no `name`: add a line like `name = \"Clarifying questions\"`";
pub const BLOCK_WITHOUT_NAME: &str =
    "this block has no `name`: add a line like `name = \"Clarifying questions\"`";

/// What a repeated block's round is called on screen when the file does not say
/// (`label = "Round"`): "Round 2 of 5".
pub const ROUND: &str = "Round";

/// `name`: the step's name, if it has one.
pub fn has_no_minutes(name: Option<&str>) -> String {
    let what = match name {
        Some(n) => format!("step \"{n}\""),
        None => "this step".to_string(),
    };
    format!("{what} has no `minutes`: add a line like `minutes = 5` (or a range like `[5, 10]`)")
}

pub fn turns_optional_role(role: &str) -> String {
    format!(
        "`turns = \"{role}\"` needs names for role `{role}`, but that role is optional; use a number of places instead, like `turns = 3`"
    )
}

pub const TURNS_KIND: &str = "`turns` must be a role name in quotes, like \"participant\", or a number of places in each small group, like 3";

pub fn max_below_min(max: &str, min: &str) -> String {
    format!(
        "`max_minutes` ({max}) is less than `min_minutes` ({min}); the published longest time comes after the shortest"
    )
}

pub fn planned_below_min(planned: &str, min: &str) -> String {
    format!(
        "the planned {planned} minutes is below `min_minutes = {min}`; plan at least the published shortest time"
    )
}

/// `range`: whether the minutes are a range, whose end is `longest`.
pub fn past_max(longest: &str, range: bool, max: &str) -> String {
    let what = if range {
        format!("the range reaches {longest}")
    } else {
        format!("{longest} minutes")
    };
    format!("{what}, past `max_minutes = {max}`; keep within the published longest time")
}

pub const ESTIMATED_AND_ADAPTED: &str = "a step's time is either `estimated` (no published time) or `adapted` (taken from an adaptation), not both";
pub const OPEN_WITH_TURNS: &str =
    "an `open` step has no turns (people speak when moved); remove `open` or `turns`";
pub const SILENCE_WITHOUT_SILENT: &str = "`silence_implied` marks the `silent` roles' silence as implied; add a `silent` list or remove it";

pub fn limit_not_minutes(key: &str) -> String {
    format!("`{key}` must be a number of minutes, like 5 or 0.5 for 30 seconds")
}

pub fn range_needs_two() -> String {
    format!("{MINUTES_HELP}: a range has exactly two numbers, the planned and the longest")
}

pub fn range_backwards(planned: &str, longest: &str) -> String {
    format!(
        "the range [{planned}, {longest}] ends before it starts; write the planned minutes first, then the longest"
    )
}

pub fn minutes_too_large(key: &str, max: &str) -> String {
    format!("`{key}` is too large: a step can be at most {max} minutes")
}

/// `found`: `nan` or `inf`, as written.
pub fn not_a_number_of_minutes(key: &str, found: &str) -> String {
    format!("`{key}` must be a number of minutes (found {found})")
}

pub fn must_be_number(key: &str, found: &str) -> String {
    format!("`{key}` must be a number, found {found}")
}

/// `found`: the number, unless it is too far below 0 to be worth showing.
pub fn must_be_positive(key: &str, found: Option<&str>) -> String {
    match found {
        Some(n) => format!("{key} must be more than 0 (found {n})"),
        None => format!("{key} must be more than 0"),
    }
}

/// A list of role names or note kinds.
pub fn must_be_list(key: &str) -> String {
    format!("`{key}` must be a list in brackets, like [\"presenter\"]")
}

pub fn unknown_role(name: &str, guess: Option<&str>, label: &str) -> String {
    match guess {
        Some(s) => format!("role `{name}` is not declared in [roles]; did you mean `{s}`?"),
        None => format!(
            "role `{name}` is not declared; add it under [roles], like `{name} = {{ label = \"{label}\" }}`"
        ),
    }
}

// ---- config.toml ----

pub fn unknown_setting(key: &str, guess: Option<&str>, settings: &[&str]) -> String {
    match guess {
        Some(s) => format!("unknown setting `{key}`; did you mean `{s}`?"),
        None => format!(
            "unknown setting `{key}`; the settings are {}",
            settings.join(", ")
        ),
    }
}

pub fn unknown_sync(value: &str, guess: Option<&str>) -> String {
    match guess {
        Some(t) => format!("unknown sync `{value}`; did you mean \"{t}\"?"),
        None => format!(
            "unknown sync `{value}`; write \"after-session\" (sync when a session ends) or \"manual\""
        ),
    }
}

pub fn unknown_theme(value: &str, guess: Option<&str>) -> String {
    match guess {
        Some(t) => format!("unknown theme `{value}`; did you mean \"{t}\"?"),
        None => {
            format!("unknown theme `{value}`; the themes are \"auto\", \"color\" and \"mono\"")
        }
    }
}

pub const TAGS_NOT_A_LIST: &str = "`tags` must be a list in brackets, like [\"cfg\", \"grade-7\"]";

pub fn archive_not_full(path: &str) -> String {
    format!(
        "`archive` must be a full path, like \"/home/sam/crit-notes\" or \"~/crit-notes\"; `{path}` would depend on the folder crit is started in"
    )
}

pub const NAMES_NOT_A_TABLE: &str =
    "`names` must be a table: a `[names]` line, then lines like `facilitator = \"Sam\"`";

/// `names.participant`: the key of one role's names.
pub fn names_of(role: &str) -> String {
    format!("names.{role}")
}

pub fn one_name_per_item(what: &str, person: &str) -> String {
    format!("`{what}`: write one name per item in a list, not `{person}`")
}

pub fn names_not_text(what: &str, found: &str) -> String {
    format!("`{what}` must be names in quotes, like \"Ana, Ben\", found {found}")
}

/// An explicit config file (`--config`) that cannot be read.
pub fn cannot_read_config(shown: &str, reason: &str) -> String {
    format!("{shown}: cannot read the config file: {reason}")
}

/// The default config file, which exists but cannot be read.
pub fn cannot_read_default_config(shown: &str, reason: &str) -> String {
    format!("{shown}: cannot read the config file ({reason}), so crit uses its default settings")
}

/// After the problems of the default config file, which is then set aside.
pub fn config_ignored(shown: &str, problems: usize) -> String {
    let these = if problems == 1 {
        "this problem"
    } else {
        "these problems"
    };
    format!(
        "{shown}: because of {these}, crit ignores this config file and uses its default settings"
    )
}

// Why a file could not be read, without the `(os error 2)` tail.
pub const NO_SUCH_FILE: &str = "there is no such file";
pub const PERMISSION_DENIED: &str = "permission denied";
pub const IS_A_FOLDER: &str = "it is a folder, not a file";
pub const NOT_UTF8: &str = "it is not UTF-8 text";

pub fn home_not_set(archive: &str) -> String {
    format!(
        "the config file's archive `{archive}` starts with `~`, but HOME is not set; write the full path"
    )
}

pub fn crit_bell_not_understood(value: &str) -> String {
    format!(
        "CRIT_BELL=`{value}` is not understood, so it is ignored; use CRIT_BELL=0 (no bell) or CRIT_BELL=1"
    )
}
