//! Ctrl-C (SIGINT, which the C runtime raises on Windows too, from the console's Ctrl-C)
//! and SIGTERM during `--write`: the run stops taking files, puts in place only
//! what is already durable, removes its temporary files and says how far it got. A second
//! signal ends it at once; the next `--write` removes what that leaves.

use std::io;

/// The signal that asked the run to stop, if one did.
pub fn received() -> Option<i32> {
    imp::received()
}

/// From now on the first SIGINT or SIGTERM is only noted, for the run to see.
pub fn watch() -> io::Result<()> {
    imp::watch()
}

/// The exit code of a run stopped by `signal`: 128 + its number, as a shell reports it.
pub fn exit_code(signal: i32) -> u8 {
    u8::try_from(128 + signal).unwrap_or(u8::MAX)
}

#[cfg(any(unix, windows))]
mod imp {
    use std::io;
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    use std::sync::OnceLock;

    use signal_hook::consts::{SIGINT, SIGTERM};
    use signal_hook::flag;

    static STOPPING: AtomicBool = AtomicBool::new(false);
    static SIGNAL: AtomicUsize = AtomicUsize::new(0);
    /// Whether the handlers are in place: a library caller may run several times.
    static WATCHING: OnceLock<bool> = OnceLock::new();

    pub fn received() -> Option<i32> {
        match SIGNAL.load(Ordering::SeqCst) {
            0 => None,
            signal => i32::try_from(signal).ok(),
        }
    }

    pub fn watch() -> io::Result<()> {
        if *WATCHING.get_or_init(|| register().is_ok()) {
            Ok(())
        } else {
            Err(io::Error::other(crate::t!("interrupt-not-watched")))
        }
    }

    fn register() -> io::Result<()> {
        for signal in [SIGINT, SIGTERM] {
            // Registered first, so that it sees the flag as the previous signal left it.
            flag::register_conditional_shutdown(signal, 128 + signal, &STOPPING)?;
            flag::register_usize(signal, &SIGNAL, signal as usize)?;
            flag::register(signal, &STOPPING)?;
        }
        Ok(())
    }
}

/// WASI has no signals: a run there ends as the platform ends it.
#[cfg(not(any(unix, windows)))]
mod imp {
    use std::io;

    pub fn received() -> Option<i32> {
        None
    }

    pub fn watch() -> io::Result<()> {
        Ok(())
    }
}
