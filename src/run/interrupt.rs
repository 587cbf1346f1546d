//! Ctrl-C (SIGINT; on Windows the console's Ctrl-C and Ctrl-Break) and SIGTERM during `--write`: the run stops taking files, puts in place only
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

#[cfg(unix)]
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

/// Windows has no signals: Ctrl-C and Ctrl-Break reach a console program through a handler
/// registered with `SetConsoleCtrlHandler`, on a thread of its own. signal-hook goes through the
/// C runtime's `signal` there, asking for the previous handler with `SIG_GET`, which msvcrt
/// (the windows-gnu runtime) does not know: under wine the first Ctrl-C then jumped to address
/// 2 and left the run's temporary files behind.
#[cfg(windows)]
mod imp {
    use std::io;
    use std::sync::atomic::{AtomicI32, Ordering};
    use std::sync::OnceLock;

    use windows_sys::core::BOOL;
    use windows_sys::Win32::System::Console::{
        SetConsoleCtrlHandler, CTRL_BREAK_EVENT, CTRL_C_EVENT,
    };

    /// The number a Unix shell knows Ctrl-C by, so that the exit code is 130 here too.
    const SIGINT: i32 = 2;
    static SIGNAL: AtomicI32 = AtomicI32::new(0);
    static WATCHING: OnceLock<bool> = OnceLock::new();

    pub fn received() -> Option<i32> {
        match SIGNAL.load(Ordering::SeqCst) {
            0 => None,
            signal => Some(signal),
        }
    }

    pub fn watch() -> io::Result<()> {
        // SAFETY: `on_console_event` is a plain function that lives as long as the program.
        let registered = || unsafe { SetConsoleCtrlHandler(Some(on_console_event), 1) } != 0;
        if *WATCHING.get_or_init(registered) {
            Ok(())
        } else {
            Err(io::Error::other(crate::t!("interrupt-not-watched")))
        }
    }

    /// The first Ctrl-C is noted for the run to see; a second ends the program at once, as on
    /// Unix. Closing the console, logging off and shutting down are left to Windows.
    unsafe extern "system" fn on_console_event(event: u32) -> BOOL {
        if event != CTRL_C_EVENT && event != CTRL_BREAK_EVENT {
            return 0;
        }
        if SIGNAL.swap(SIGINT, Ordering::SeqCst) != 0 {
            std::process::exit(super::exit_code(SIGINT).into());
        }
        1
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
