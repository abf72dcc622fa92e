//! The one impure loop: it owns the terminal, reads the clock and the keyboard, and
//! carries out the effects `update` asks for.

use std::io::{self, Write};
use std::path::Path;
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event};
use ratatui::crossterm::execute;

use crate::app::{Effect, Model, Msg, update};
use crate::archive;
use crate::session::Now;

/// Reads the clock: the only place the program does.
pub fn now() -> Now {
    Now {
        at: Instant::now(),
        wall: chrono::Local::now().fixed_offset(),
    }
}

/// Restores the terminal when dropped, on every way out of the loop.
struct TerminalGuard;

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        let _ = execute!(io::stdout(), DisableBracketedPaste);
        ratatui::restore();
    }
}

/// Runs the app until the user quits. `effects` are carried out first (a session started
/// from the command line opens its archive file).
pub fn run(mut model: Model, effects: Vec<Effect>) -> io::Result<Model> {
    // `init` also installs a panic hook that restores the terminal before the message.
    let mut terminal = ratatui::try_init()?;
    let _guard = TerminalGuard;
    let _ = execute!(io::stdout(), EnableBracketedPaste);
    perform_all(&mut model, effects);
    loop {
        terminal.draw(|frame| crate::ui::view(&model, frame))?;
        if model.quit {
            break;
        }
        let wait = model
            .next_wake(Instant::now())
            .unwrap_or(Duration::from_secs(3600));
        let msg = if event::poll(wait)? {
            match event::read()? {
                Event::Key(key) => Msg::Key(key),
                Event::Paste(text) => Msg::Paste(text),
                Event::Resize(..) => Msg::Tick,
                _ => continue,
            }
        } else {
            Msg::Tick
        };
        let effects = update(&mut model, msg, now());
        perform_all(&mut model, effects);
    }
    Ok(model)
}

/// Carries out effects; what they report goes back through `update` at once.
fn perform_all(model: &mut Model, effects: Vec<Effect>) {
    let mut queue = effects;
    while !queue.is_empty() {
        let mut replies = Vec::new();
        for effect in queue {
            if let Some(msg) = perform(effect) {
                replies.push(msg);
            }
        }
        queue = replies
            .into_iter()
            .flat_map(|msg| update(model, msg, now()))
            .collect();
    }
}

/// Carries out one effect; returns a message if the model must hear how it went.
pub fn perform(effect: Effect) -> Option<Msg> {
    match effect {
        Effect::OpenArchive {
            dir,
            fallback,
            name,
            contents,
        } => Some(open_archive(&dir, &fallback, &name, &contents)),
        Effect::Save {
            path,
            fallback,
            contents,
        } => save(&path, &fallback, &contents),
        Effect::Bell => {
            let mut out = io::stdout();
            let _ = out.write_all(b"\x07").and_then(|_| out.flush());
            None
        }
        Effect::Quit => None,
    }
}

fn open_archive(dir: &Path, fallback: &Path, name: &str, contents: &str) -> Msg {
    let create = |d: &Path| {
        archive::create_unique(d, name).and_then(|p| archive::save_atomic(&p, contents).map(|_| p))
    };
    match create(dir) {
        Ok(path) => Msg::ArchiveOpened {
            path,
            problem: None,
        },
        Err(e) => {
            let problem = format!("Cannot save in {}: {e}", dir.display());
            match create(fallback) {
                Ok(path) => Msg::ArchiveOpened {
                    problem: Some(format!("{problem}. Saving to {} instead.", path.display())),
                    path,
                },
                Err(e2) => Msg::ArchiveFailed(format!(
                    "{problem}; nor in {}: {e2}. Notes are kept on screen only: do not close crit.",
                    fallback.display()
                )),
            }
        }
    }
}

fn save(path: &Path, fallback: &Path, contents: &str) -> Option<Msg> {
    let e = archive::save_atomic(path, contents).err()?;
    let problem = format!("Cannot save {}: {e}", path.display());
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "session.md".into());
    let moved_to = archive::create_unique(fallback, &name)
        .and_then(|p| archive::save_atomic(&p, contents).map(|_| p))
        .ok();
    Some(Msg::SaveFailed { problem, moved_to })
}
