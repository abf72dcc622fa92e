//! `crit new`: a commented protocol file that shows every key and loads as it is.

/// The template for a new protocol with this id.
pub fn template(id: &str) -> String {
    TEMPLATE.replace("{id}", id)
}

const TEMPLATE: &str = r#"# A protocol for crit. Lines starting with # are comments.
# Change the words and numbers, then check the file with:  crit validate <this file>
# Text goes in "double quotes". Times are minutes: 5, 2.5 (= 2 min 30 s) or [5, 10]
# (plan 5, may stretch to 10).

id = "{id}"                       # lowercase letters, digits and '-'; the file name by default
name = "My protocol"              # shown in the picker
summary = "One line that says what this protocol is for."
source = "Who wrote or adapted it, so others can find the original."
tags = ["feedback"]

# Who takes part. The setup form asks for a name for each role, in this order.
# many = true: several people (names separated by commas).
# typical = 5: how many to assume when estimating the total time.
[roles]
facilitator = { label = "Facilitator" }
presenter   = { label = "Presenter" }
participant = { label = "Participants", many = true, typical = 5 }

# Optional extra kinds of note, besides: note, question, warm, cool, hard, idea, action.
[note_kinds]
quote = "Quote"

# The steps, in order.
[[steps]]
name = "Presentation"
minutes = [5, 10]                 # plan 5 minutes, may stretch to 10
speakers = ["presenter"]          # who talks ("all" means everyone)
silent = ["participant"]          # who must listen (shown in large type)
guide = "What the facilitator says or watches for in this step."
stems = ["I noticed...", "I wonder..."]   # sentence starters (optional)
notes = ["question"]              # kinds of note offered in this step (besides "note")

[[steps]]
name = "Go-round"
turns = "participant"             # one timed turn for each participant
minutes = 1                       # per turn
silent = ["presenter"]
estimated = true                  # the time is an estimate, not the published figure

# A block that repeats: once for each participant, who is "presenter" in that round
# (use repeat = 3 for three rounds; rotate = true moves the go-round's start on by one).
[[steps]]
name = "Rounds"
repeat = "participant"
as = "round-presenter"            # the name the steps below use for the round's person
label = "Round"                   # shown as "Round 2 of 5"

[[steps.steps]]
name = "Share a passage"
minutes = 2
speakers = ["round-presenter"]
notes = ["quote"]

[[steps.steps]]
name = "Responses"
turns = "participant"             # the other participants, one at a time
minutes = 1
silent = ["round-presenter"]

[[steps]]
name = "Debrief"
minutes = 5
speakers = ["all"]
protected = true                  # keeps its minutes when the plan is squeezed to fit
notes = ["action"]
"#;
