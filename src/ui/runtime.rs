//! How a screen's `update` asks for work without doing it: an [`Action`] is
//! data. Store work is a [`Job`] — a named closure over the store — that the
//! window runs on a blocking thread and tests and screenshots run in place,
//! so a simulated click runs the real store work. A parent maps its child's
//! action to its own message type, as iced's `Task::map` does.

use crate::store::Store;
use std::path::PathBuf;

/// A named piece of blocking work whose answer is a `T` (usually a message):
/// on the window's store, or (`alone`) without it, so that a slow check or
/// a program being started never makes the calendar wait for the store.
pub struct Job<T> {
    name: &'static str,
    work: Work<T>,
}

enum Work<T> {
    Store(Box<dyn FnOnce(&mut Store) -> T + Send>),
    Alone(Box<dyn FnOnce() -> T + Send>),
}

impl<T: 'static> Job<T> {
    pub fn new(name: &'static str, work: impl FnOnce(&mut Store) -> T + Send + 'static) -> Job<T> {
        Job { name, work: Work::Store(Box::new(work)) }
    }

    /// Work that needs no store (it opens its own connection, or none).
    pub fn alone(name: &'static str, work: impl FnOnce() -> T + Send + 'static) -> Job<T> {
        Job { name, work: Work::Alone(Box::new(work)) }
    }

    pub fn map<U>(self, f: impl FnOnce(T) -> U + Send + 'static) -> Job<U> {
        let work = match self.work {
            Work::Store(work) => Work::Store(Box::new(move |store: &mut Store| f(work(store))) as Box<_>),
            Work::Alone(work) => Work::Alone(Box::new(move || f(work())) as Box<_>),
        };
        Job { name: self.name, work }
    }

    /// What the job is called in logs and when it fails.
    pub fn name(&self) -> &'static str {
        self.name
    }

    pub fn run(self, store: &mut Store) -> T {
        match self.work {
            Work::Store(work) => work(store),
            Work::Alone(work) => work(),
        }
    }

    /// Runs it, taking the store from `db` only if the job needs it; `None`
    /// when it needs one and there is none (a file that could not be opened).
    fn run_on(self, db: Option<&std::sync::Mutex<Store>>) -> Option<T> {
        match (self.work, db) {
            (Work::Store(work), Some(db)) => {
                Some(work(&mut db.lock().unwrap_or_else(|poisoned| poisoned.into_inner())))
            }
            (Work::Store(_), None) => None,
            (Work::Alone(work), _) => Some(work()),
        }
    }
}

impl<T> std::fmt::Debug for Job<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Job({})", self.name)
    }
}

/// Where the keyboard focus should go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Id(&'static str),
    /// The end of the scrolling page with this id (where something opened).
    PageEnd(&'static str),
    Next,
    Previous,
}

/// The system's file dialog; its answer (`None`: cancelled, or no dialog on
/// this machine) becomes a message.
pub type Picked<M> = Box<dyn FnOnce(Option<PathBuf>) -> M + Send>;

/// Which file dialog: one to open a file, or one to save under a name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileDialog {
    Open,
    Save { suggested: String },
}

/// What a screen asks for after a message.
pub enum Action<M, R> {
    None,
    Run(Job<M>),
    Focus(Focus),
    PickFile(FileDialog, Picked<M>),
    /// What only the screen's parent can do (open a card, call, reload the salon …).
    Request(R),
    /// Several, in order.
    Batch(Vec<Action<M, R>>),
}

impl<M: 'static, R> Action<M, R> {
    pub fn is_none(&self) -> bool {
        match self {
            Action::None => true,
            Action::Batch(all) => all.iter().all(Action::is_none),
            _ => false,
        }
    }

    pub fn run(name: &'static str, work: impl FnOnce(&mut Store) -> M + Send + 'static) -> Action<M, R> {
        Action::Run(Job::new(name, work))
    }

    /// This action, then `next`.
    pub fn and(self, next: Action<M, R>) -> Action<M, R> {
        match (self, next) {
            (Action::None, next) => next,
            (first, Action::None) => first,
            (Action::Batch(mut all), next) => {
                all.push(next);
                Action::Batch(all)
            }
            (first, next) => Action::Batch(vec![first, next]),
        }
    }

    /// The same action for a parent whose messages wrap this screen's.
    pub fn map<N: 'static>(self, f: impl Fn(M) -> N + Clone + Send + 'static) -> Action<N, R> {
        match self {
            Action::None => Action::None,
            Action::Run(job) => Action::Run(job.map(f)),
            Action::Focus(focus) => Action::Focus(focus),
            Action::PickFile(dialog, picked) => Action::PickFile(dialog, Box::new(move |p| f(picked(p)))),
            Action::Request(r) => Action::Request(r),
            Action::Batch(all) => Action::Batch(all.into_iter().map(|a| a.map(f.clone())).collect()),
        }
    }

    /// Hands every request to `handle` (which may answer with more to do):
    /// what is left needs no parent any more.
    pub fn resolve<S>(self, handle: &mut impl FnMut(R) -> Action<M, S>) -> Action<M, S> {
        match self {
            Action::None => Action::None,
            Action::Run(job) => Action::Run(job),
            Action::Focus(focus) => Action::Focus(focus),
            Action::PickFile(dialog, picked) => Action::PickFile(dialog, picked),
            Action::Request(r) => handle(r),
            Action::Batch(all) => Action::Batch(all.into_iter().map(|a| a.resolve(handle)).collect()),
        }
    }
}

impl<M, R: std::fmt::Debug> std::fmt::Debug for Action<M, R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Action::None => f.write_str("None"),
            Action::Run(job) => job.fmt(f),
            Action::Focus(focus) => write!(f, "Focus({focus:?})"),
            Action::PickFile(dialog, _) => write!(f, "PickFile({dialog:?})"),
            Action::Request(r) => write!(f, "Request({r:?})"),
            Action::Batch(all) => f.debug_list().entries(all).finish(),
        }
    }
}

/// An action with nothing left for a parent.
pub type Effect<M> = Action<M, std::convert::Infallible>;

/// Runs an effect right here, feeding every answer back through `update`
/// until nothing is left: how tests and the screenshot renderer drive a
/// window. The file dialog answers "cancelled", as on a machine without one.
pub fn drive<M: 'static>(store: &mut Store, effect: Effect<M>, update: &mut impl FnMut(M) -> Effect<M>) {
    let mut queue = std::collections::VecDeque::from([effect]);
    while let Some(effect) = queue.pop_front() {
        match effect {
            Action::None | Action::Focus(_) => {}
            Action::Run(job) => queue.push_back(update(job.run(store))),
            Action::PickFile(_, picked) => queue.push_back(update(picked(None))),
            Action::Batch(all) => queue.extend(all),
            Action::Request(never) => match never {},
        }
    }
}

/// The same effect for the real window: jobs on a blocking thread that holds
/// the store while it works; a job that panics is logged and answered by
/// `failed` with its name.
pub fn task<M: Send + 'static>(
    db: Option<&std::sync::Arc<std::sync::Mutex<Store>>>,
    effect: Effect<M>,
    failed: fn(&'static str) -> M,
) -> iced::Task<M> {
    use iced::Task;
    match effect {
        Action::None => Task::none(),
        Action::Run(job) => {
            let db = db.cloned();
            let name = job.name();
            let answer = async move { tokio::task::spawn_blocking(move || job.run_on(db.as_deref())).await };
            Task::perform(answer, move |answer| match answer {
                Ok(Some(answer)) => answer,
                Ok(None) => failed(name),
                Err(e) => {
                    tracing::error!(job = name, error = %e, "a job failed");
                    failed(name)
                }
            })
        }
        Action::Focus(Focus::Id(id)) => iced::widget::operation::focus(iced::widget::Id::new(id)),
        Action::Focus(Focus::PageEnd(id)) => iced::widget::operation::snap_to_end(iced::widget::Id::new(id)),
        Action::Focus(Focus::Next) => iced::widget::operation::focus_next(),
        Action::Focus(Focus::Previous) => iced::widget::operation::focus_previous(),
        Action::PickFile(FileDialog::Open, picked) => Task::perform(
            async { rfd::AsyncFileDialog::new().pick_file().await.map(|f| f.path().to_path_buf()) },
            picked,
        ),
        Action::PickFile(FileDialog::Save { suggested }, picked) => Task::perform(
            async move {
                let dialog = rfd::AsyncFileDialog::new().set_file_name(suggested);
                dialog.save_file().await.map(|f| f.path().to_path_buf())
            },
            picked,
        ),
        Action::Batch(all) => Task::batch(all.into_iter().map(|a| task(db, a, failed))),
        Action::Request(never) => match never {},
    }
}
