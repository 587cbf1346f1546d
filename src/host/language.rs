//! The language the user's desktop is in, for a run that no flag, variable or locale gave one
//! (see [`Lang::choose`]): Windows' and macOS' terminals seldom set `LANG`, and a developer in
//! China who never chose a language for a shell still reads Chinese everywhere else.

use crate::messages::Lang;

/// Windows' display language for the user (Settings › Time & language › Language).
///
/// Through `windows-sys`, already a dependency for the console, rather than a hand-written
/// `extern` block: its declarations come from Microsoft's metadata, and the feature adds
/// nothing else to the build.
#[cfg(windows)]
pub fn desktop_language() -> Option<Lang> {
    // SAFETY: no arguments, no state; it cannot fail.
    let langid = unsafe { windows_sys::Win32::Globalization::GetUserDefaultUILanguage() };
    Lang::from_langid(langid)
}

/// The first of the user's preferred languages (System Settings › General › Language &
/// Region) that the tool speaks, as macOS picks an application's localisation.
#[cfg(target_os = "macos")]
pub fn desktop_language() -> Option<Lang> {
    preferred_languages()?
        .iter()
        .find_map(|tag| Lang::parse(tag))
}

/// `CFLocaleCopyPreferredLanguages`, as BCP 47 tags (`zh-Hans-CN`, `en-US`).
///
/// CoreFoundation is opened at run time rather than linked: linking a framework needs
/// Apple's SDK, which a cross-build from Linux (cargo-zigbuild) lacks; every Mac has the
/// library itself, at this path, in its shared cache.
#[cfg(target_os = "macos")]
fn preferred_languages() -> Option<Vec<String>> {
    use std::ffi::{c_char, c_int, c_void, CStr};

    type CFTypeRef = *const c_void;
    extern "C" {
        fn dlopen(path: *const c_char, mode: c_int) -> *mut c_void;
        fn dlsym(handle: *mut c_void, symbol: *const c_char) -> *mut c_void;
    }
    const RTLD_LAZY: c_int = 0x1;
    const K_CF_STRING_ENCODING_UTF8: u32 = 0x0800_0100;

    // SAFETY: each symbol is cast to the signature Apple documents for it, and checked for
    // null first; the array is released once, after the last read of its strings.
    unsafe {
        let library = dlopen(
            c"/System/Library/Frameworks/CoreFoundation.framework/CoreFoundation".as_ptr(),
            RTLD_LAZY,
        );
        if library.is_null() {
            return None;
        }
        let symbol = |name: &CStr| Some(dlsym(library, name.as_ptr())).filter(|f| !f.is_null());
        let copy_preferred_languages = std::mem::transmute::<
            *mut c_void,
            unsafe extern "C" fn() -> CFTypeRef,
        >(symbol(c"CFLocaleCopyPreferredLanguages")?);
        let array_count = std::mem::transmute::<
            *mut c_void,
            unsafe extern "C" fn(CFTypeRef) -> isize,
        >(symbol(c"CFArrayGetCount")?);
        let array_value = std::mem::transmute::<
            *mut c_void,
            unsafe extern "C" fn(CFTypeRef, isize) -> CFTypeRef,
        >(symbol(c"CFArrayGetValueAtIndex")?);
        let string_to_c = std::mem::transmute::<
            *mut c_void,
            unsafe extern "C" fn(CFTypeRef, *mut c_char, isize, u32) -> u8,
        >(symbol(c"CFStringGetCString")?);
        let release = std::mem::transmute::<*mut c_void, unsafe extern "C" fn(CFTypeRef)>(symbol(
            c"CFRelease",
        )?);

        let languages = copy_preferred_languages();
        if languages.is_null() {
            return None;
        }
        let tags = (0..array_count(languages))
            .filter_map(|i| {
                let mut tag: [c_char; 64] = [0; 64];
                let copied = string_to_c(
                    array_value(languages, i),
                    tag.as_mut_ptr(),
                    tag.len() as isize,
                    K_CF_STRING_ENCODING_UTF8,
                );
                (copied != 0).then(|| CStr::from_ptr(tag.as_ptr()).to_string_lossy().into_owned())
            })
            .collect();
        release(languages);
        Some(tags)
    }
}

/// WASI has no desktop: the npm package's launcher passes the locale Node.js reports
/// (`Intl.DateTimeFormat().resolvedOptions().locale`: on Windows its regional settings) in
/// `WXWORK_MIGRATE_HOST_LOCALE`.
#[cfg(target_os = "wasi")]
pub fn desktop_language() -> Option<Lang> {
    Lang::parse(&std::env::var("WXWORK_MIGRATE_HOST_LOCALE").ok()?)
}

/// Elsewhere (Linux, the BSDs) the locale is the desktop's language: a desktop session sets
/// `LANG`.
#[cfg(not(any(windows, target_os = "macos", target_os = "wasi")))]
pub fn desktop_language() -> Option<Lang> {
    None
}
