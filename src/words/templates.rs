//! The commented files crit writes for people to edit: the protocol `crit new` starts
//! (its comments explain every key) and the example `config.toml` that `crit config`
//! prints. Both load as they are; their tests are beside their readers
//! (`protocol::template`, `config::example`).

/// The protocol `crit new` writes, with `{id}` standing for the new protocol's id.
pub const NEW_PROTOCOL: &str = r#"# A protocol for crit. Lines starting with # are comments.
# Change the words and numbers, then check the file with:  crit validate <this file>
# Text goes in "double quotes". Times are minutes: 5, 2.5 (= 2 min 30 s) or [5, 10]
# (plan 5, may stretch to 10).

id = "{id}"                       # lowercase letters, digits and '-' (64 at most); the file name by default
name = "My protocol"              # shown in the picker
summary = "One line that says what this protocol is for."
source = "Who wrote or adapted it, and the publisher's page, so others can find the original."
tags = ["text", "feedback"]

# Who takes part. The setup form asks for a name for each role, in this order.
# many = true: several people (names separated by commas).
# typical = 5: how many to assume when estimating the total time.
# optional = true: the setup form does not insist on names for this role.
[roles]
facilitator = { label = "Facilitator" }
participant = { label = "Participants", many = true, typical = 5 }
recorder    = { label = "Recorder", optional = true }

# Optional extra kinds of note, besides: note, question, warm, cool, hard, idea, action.
[note_kinds]
quote = "Quote"

# The steps, in order. While a step runs, the screen says who speaks and names who is
# silent ("Presenter: silent — listen and take notes").
[[steps]]
name = "Read the text"
minutes = [5, 10]                 # plan 5 minutes, may stretch to 10
speakers = []                     # nobody talks…
silent = ["all"]                  # …everyone reads ("all" means everyone)
guide = "What the facilitator says or watches for in this step."
notes = ["quote"]                 # kinds of note offered in this step (note, question, idea, action always are)
estimated = true                  # the source gives no time: this one is an estimate
# adapted = true                  # or: the time comes from a published adaptation

# A block that repeats once for each participant. In each round that person is the
# presenter: the screen shows "Round 2 of 5 — Ana presents", and inside the block
# "presenter" means that person while "participant" means everyone else.
# (Or repeat = 3 for three rounds; with it, rotate = true moves the first speaker on by one.)
[[steps]]
name = "Rounds"
repeat = "participant"
as = "presenter"                  # the name the steps below use for the round's person
label = "Round"                   # what a round is called on screen
rotate = false

[[steps.steps]]
name = "The presenter shares a passage"
minutes = 3
max_minutes = 3                   # the published text says "up to 3 minutes": fitting never gives more
speakers = ["presenter"]
silent = ["participant"]
stems = ["The passage I chose is…", "It matters to me because…"]   # sentence starters (optional)
notes = ["quote"]

[[steps.steps]]
name = "Each of the others responds"
turns = "participant"             # a go-round: the others one at a time, starting after the presenter
minutes = 1                       # per turn
min_minutes = 0.5                 # a published shortest time (per turn), if the text gives one
silent = ["presenter"]
silence_implied = true            # the text implies this silence without stating it

[[steps.steps]]
name = "The presenter has the last word"
minutes = 1
speakers = ["presenter"]
silent = ["participant"]

[[steps]]
name = "Pair talk"
groups = "pairs"                  # runs in small groups, all at the same time
turns = 2                         # a go-round of numbered places: Person 1, then Person 2
minutes = 2                       # per turn
guide = "Each pair shares what stayed with them."

[[steps]]
name = "Open reflection"
minutes = 5
speakers = ["all"]
open = true                       # people speak when moved to, once each; nobody is called on

[[steps]]
name = "Debrief"
minutes = 5
speakers = ["all"]
protected = true                  # keeps its minutes when the plan is squeezed to fit
notes = ["action"]
"#;

/// A commented example `config.toml` that shows every setting (for the README and
/// `crit config`). It parses, and sets every field.
pub const CONFIG_EXAMPLE: &str = r#"# crit's settings. Every line is optional: leave out what you don't need.
# Command-line flags and the environment (CRIT_ARCHIVE, CRIT_BELL, NO_COLOR) win over
# this file, except that a theme of "color" or "mono" here wins over NO_COLOR.

# Where session notes are saved: a full path, or one starting with ~/ for your home folder.
archive = "~/Documents/crit-notes"

# The group's name, filled in when a session starts.
group = "Thursday CFG"

# Ring the terminal bell when a step's time is up.
bell = true

# Warn when a step has one minute left.
warning = true

# Go on to the next step by itself when a step's time is up.
auto_advance = false

# "auto" (colour unless NO_COLOR is set), "color" (always) or "mono" (never).
theme = "auto"

# Your school or team, recorded in each session; `crit archive list --site` filters by it.
site = "Charlestown High"

# In a shared archive (`crit archive init` or `clone`): "after-session" also syncs when a
# session ends (for a few seconds at most); "manual" syncs only on `crit archive sync`.
sync = "manual"
# Tags added to every session's front matter, after the protocol's own (for Obsidian, nb).
tags = ["cfg", "grade-7"]

# Names filled in for each role when a session starts; separate several with commas.
[names]
facilitator = "Sam"
participant = "Ana, Ben, Cy"
"#;
