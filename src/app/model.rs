//! The [`Model`] and the screens it holds (picker, setup, run, summary): everything the
//! screen shows, and the small questions the UI asks of it (the clock face, when to wake,
//! the note kinds and the chosen note).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use ratatui_textarea::TextArea;

use super::{Live, Settings, Setup, keymap};
use crate::protocol::Library;
use crate::session::{FitPlan, Note, Now, Session};

/// Everything the screen shows comes from here.
pub struct Model {
    pub library: Library,
    pub settings: Settings,
    pub screen: Screen,
    /// The time of the message being handled (or last handled).
    pub now: Now,
    /// Leaving setup returns to the picker, unless the session was started from `crit run`.
    pub came_from_picker: bool,
    /// An unfinished session the picker offers to resume: its file and a description.
    pub resume_offer: Option<(PathBuf, String)>,
    /// A message for the picker (a resume that failed, say).
    pub status: Option<String>,
    /// The public view last written for `crit mirror`.
    pub published: Option<Live>,
    /// Start sessions in the projector view (`--projector`).
    pub start_in_projector: bool,
    /// The program ends once this is set (the runtime checks it after every message).
    pub quit: bool,
}

pub enum Screen {
    Picker(Picker),
    Setup(Box<Setup>),
    Run(Box<Run>),
    Summary(Box<Summary>),
}

#[derive(Debug, Default)]
pub struct Picker {
    /// Index into the library's protocols (always one the filter shows, if any).
    pub selected: usize,
    pub show_skipped: bool,
    /// What `/` is finding (name, id or tag); `None` when the list is not filtered.
    pub filter: Option<String>,
}

impl Picker {
    /// The protocols the filter lets through, as indices into `library.protocols`.
    pub fn visible(&self, library: &Library) -> Vec<usize> {
        let wanted = self
            .filter
            .as_deref()
            .map(|f| f.trim().to_lowercase())
            .unwrap_or_default();
        library
            .protocols
            .iter()
            .enumerate()
            .filter(|(_, s)| wanted.is_empty() || matches_filter(&s.protocol, &wanted))
            .map(|(i, _)| i)
            .collect()
    }
}

/// A protocol is found by any word of `wanted` (lowercase) in its name, id or tags.
fn matches_filter(p: &crate::protocol::Protocol, wanted: &str) -> bool {
    let haystack = format!("{} {} {}", p.name, p.id, p.tags.join(" ")).to_lowercase();
    wanted.split_whitespace().all(|w| haystack.contains(w))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Timer,
    Note,
    Help,
    ConfirmEnd,
    /// Asking for the time the meeting must end by.
    EndTime,
    /// Showing a plan fitted to the end time; `y` applies it.
    Fit,
    /// Recording the focusing question as the presenter restates it.
    Restate,
    /// Asking before the note in `Run::deleting` is deleted.
    ConfirmDelete,
}

/// A saved note being changed in the note box.
pub struct Editing {
    /// Index into the session's notes.
    pub index: usize,
    /// What was in the note box before, with its kind: it comes back when the edit ends.
    pub draft: Option<(TextArea<'static>, usize)>,
}

pub struct Run {
    pub session: Session,
    pub mode: Mode,
    pub note: TextArea<'static>,
    /// Index into the current step's note kinds.
    pub note_kind: usize,
    /// Where the session is saved, and what went wrong saving it.
    pub saving: Saving,
    /// A one-off message, cleared by the next key.
    pub flash: Option<String>,
    pub projector: bool,
    /// Where to save if the archive file cannot be written.
    pub fallback_dir: PathBuf,
    /// The box for the restated question (`r`).
    pub restate_input: TextArea<'static>,
    /// The end-time box (for `f` when no end time is set).
    pub end_input: TextArea<'static>,
    /// The plan `f` proposes (and the step it starts from), shown until `y` applies it or
    /// `n` drops it.
    pub fit: Option<(usize, FitPlan)>,
    /// When the session was last written down.
    pub last_save: Option<std::time::Instant>,
    /// The archive folder, to create the file again if the first try failed.
    pub archive_dir: PathBuf,
    /// What the journal beside the file has been told.
    pub journal: JournalState,
    /// How long crit was closed before this session was resumed, and the step it was in:
    /// offered until `a` counts it in that step or the session moves on.
    pub away: Option<(Duration, usize)>,
    /// The note of this step chosen with ↑/↓ (0 is the oldest); `None`: the newest.
    pub selected_note: Option<usize>,
    /// The note being edited in the note box, if the box holds a saved note.
    pub editing: Option<Editing>,
    /// The note `d` asked to delete (index into the session's notes).
    pub deleting: Option<usize>,
}

/// How far the journal is behind the session.
#[derive(Debug, Clone, PartialEq)]
pub struct JournalState {
    /// The next save writes the whole session (a new file, a resume, a failed write).
    pub snapshot_due: bool,
    /// When the clock was last written to the journal.
    pub last_tick: Option<Instant>,
    /// The note being typed, as the journal has it: (kind, text).
    pub draft: (String, String),
}

impl Default for JournalState {
    fn default() -> JournalState {
        JournalState {
            snapshot_due: true,
            last_tick: None,
            draft: Default::default(),
        }
    }
}

/// Where a session is saved, and what went wrong saving it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Saving {
    /// The archive file, once it exists.
    pub path: Option<PathBuf>,
    /// Why the file is not where the user asked, or not saved at all.
    pub problem: Option<String>,
    /// The last save failed everywhere: the notes exist only on screen.
    pub unsaved: bool,
}

pub struct Summary {
    pub session: Session,
    pub saving: Saving,
    /// The first step shown in the timing table (it scrolls with ↑/↓).
    pub scroll: usize,
    /// `q` was pressed once while the notes are saved nowhere.
    pub quit_warned: bool,
    /// What sharing the session did (committed, synced, or why not); `None` when the
    /// archive is not shared.
    pub shared: Option<crate::archive::share::Outcome>,
    /// The finished session was handed to [`Effect::Share`] (once, after its last save).
    pub share_asked: bool,
    /// Where `t` wrote the take-away, or why it could not.
    pub takeaway: Option<Result<PathBuf, String>>,
}

impl Model {
    pub fn new(library: Library, settings: Settings, now: Now) -> Model {
        Model {
            library,
            settings,
            screen: Screen::Picker(Picker::default()),
            now,
            came_from_picker: true,
            resume_offer: None,
            status: None,
            published: None,
            start_in_projector: false,
            quit: false,
        }
    }

    /// Everything on screen that changes with time alone (countdown, session clock, time
    /// of day, projected end). When a tick leaves it as it was, nothing needs drawing.
    pub fn clock_face(&self) -> Option<[i64; 5]> {
        let Screen::Run(run) = &self.screen else {
            return None;
        };
        let s = &run.session;
        let c = s.countdown(self.now.at);
        Some([
            c.shown_secs() as i64,
            i64::from(c.is_over()),
            s.total_actual_secs(self.now.at) as i64,
            self.now.wall.timestamp() / 60,
            s.projected_end(self.now).timestamp() / 60,
        ])
    }

    /// How long the runtime may sleep before the screen would change on its own.
    pub fn next_wake(&self, now: Instant) -> Option<Duration> {
        let Screen::Run(run) = &self.screen else {
            return None;
        };
        if run.session.is_paused() {
            // Only the wall clock and projected end move; they show whole minutes.
            let secs_into_minute = u64::from(chrono::Timelike::second(&self.now.wall));
            return Some(Duration::from_secs(60 - secs_into_minute.min(59)));
        }
        Some(run.session.countdown(now).until_next_change())
    }
}

impl Run {
    pub fn new(session: Session, archive_dir: PathBuf, fallback_dir: PathBuf) -> Run {
        Run {
            session,
            mode: Mode::Timer,
            note: new_note_box(),
            note_kind: 0,
            saving: Saving::default(),
            flash: None,
            projector: false,
            fallback_dir,
            end_input: TextArea::default(),
            restate_input: TextArea::default(),
            fit: None,
            last_save: None,
            archive_dir,
            journal: JournalState::default(),
            away: None,
            selected_note: None,
            editing: None,
            deleting: None,
        }
    }

    /// The note being edited, if any.
    pub fn edited_note(&self) -> Option<&Note> {
        self.editing
            .as_ref()
            .and_then(|e| self.session.notes.get(e.index))
    }

    /// The kinds the note box offers: the step's, and when editing a note of a kind the
    /// step does not offer, that kind too (an edit never loses it).
    pub fn kinds(&self) -> Vec<String> {
        let s = &self.session;
        let edited = self.edited_note();
        let step = edited.map(|n| n.step).unwrap_or(s.current());
        let mut kinds = s
            .plan
            .get(step)
            .map(|p| p.note_kinds.clone())
            .unwrap_or_default();
        if let Some(note) = edited
            && !kinds.contains(&note.kind)
        {
            kinds.push(note.kind.clone());
        }
        if kinds.is_empty() {
            kinds.push("note".into());
        }
        kinds
    }

    /// The kind a note typed now would get.
    pub fn current_kind(&self) -> String {
        let mut kinds = self.kinds();
        let i = if self.note_kind < kinds.len() {
            self.note_kind
        } else {
            0
        };
        kinds.swap_remove(i)
    }

    /// The notes of the current step, as indices into the session's notes, oldest first.
    pub fn step_notes(&self) -> Vec<usize> {
        let current = self.session.current();
        self.session
            .notes
            .iter()
            .enumerate()
            .filter(|(_, n)| n.step == current)
            .map(|(i, _)| i)
            .collect()
    }

    /// The note ↑/↓ chose (or the newest), as an index into the session's notes.
    pub fn chosen_note(&self) -> Option<usize> {
        let notes = self.step_notes();
        let last = notes.len().checked_sub(1)?;
        notes
            .get(self.selected_note.unwrap_or(last).min(last))
            .copied()
    }
}

pub fn new_note_box() -> TextArea<'static> {
    let mut t = TextArea::default();
    t.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
    t.set_placeholder_text(crate::words::screen::note_placeholder(
        keymap::key_for(keymap::NOTE, keymap::NoteAction::Save),
        keymap::key_for(keymap::NOTE, keymap::NoteAction::NewLine),
    ));
    t
}
