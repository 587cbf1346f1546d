//! uni-app's `manifest.json`: the Vue version a project's mini-program is built with, which its
//! conditional compilation (`#ifdef VUE3`) and the shape of what its APIs return depend on.
//!
//! HBuilderX projects keep `manifest.json` at their root, CLI projects in `src/` (their
//! `package.json` one folder up). Which Vue builds the mini-program, as uni-app decides it:
//!
//! - a Vue 3 CLI project (`@dcloudio/vite-plugin-uni`) always builds with Vue 3: its context
//!   sets `VUE3` whatever the manifest says (`initScopedPreContext`, dcloudio/uni-app
//!   `packages/uni-cli-shared/src/preprocess/context.ts`, `uni-app-vue3-release` at
//!   420b264ba745e27d38bb6c85ca836dd97cb01431), and its templates need not write `vueVersion`;
//! - otherwise (HBuilderX, or the Vue 2 CLI `@dcloudio/vue-cli-plugin-uni`) `vueVersion` `"3"`
//!   or `3` means Vue 3 and anything else, or none, Vue 2
//!   (`packages/vue-cli-plugin-uni/lib/env.js`, `uni-app-vue2-release` at
//!   9f261505603848d9e59274f1154b53319e46a5a0).

use std::fs;
use std::path::Path;

use crate::discover::up_to_repository_root;
use crate::project::strict_json;

/// The Vue a uni-app project builds its mini-program with. Vue 2 is uni-app's default: a
/// `manifest.json` without `vueVersion` builds with it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum VueVersion {
    #[default]
    Vue2,
    Vue3,
}

/// The Vue version of the uni-app project that `path` (a file or a folder) lies in: from the
/// nearest `manifest.json` at or above it, up to the repository's root. `None` when there is
/// none, outside a uni-app project; a `manifest.json` that cannot be read or is not JSON (with
/// comments, as uni-app allows) counts as one without `vueVersion`.
pub fn vue_version(path: &Path) -> Option<VueVersion> {
    project_folder(path).map(vue_version_in)
}

/// The folder of the nearest `manifest.json` at or above `path`, up to the repository's root.
pub fn project_folder(path: &Path) -> Option<&Path> {
    let start = if path.is_file() { path.parent()? } else { path };
    up_to_repository_root(start).find(|dir| dir.join("manifest.json").is_file())
}

/// The Vue version of the project whose `manifest.json` is in `folder`.
pub fn vue_version_in(folder: &Path) -> VueVersion {
    let read = |path: &Path| fs::read_to_string(path).ok();
    let manifest = read(&folder.join("manifest.json")).unwrap_or_default();
    // A CLI project's package.json is one folder above its src/manifest.json.
    let package = read(&folder.join("package.json")).or_else(|| {
        folder
            .parent()
            .and_then(|up| read(&up.join("package.json")))
    });
    vue_version_of(&manifest, package.as_deref())
}

/// [`vue_version`] from the texts of `manifest.json` and of the project's `package.json`.
pub fn vue_version_of(manifest: &str, package: Option<&str>) -> VueVersion {
    let json = |text: &str| serde_json::from_str::<serde_json::Value>(&strict_json(text)).ok();
    let builds_with_vite = package.and_then(json).is_some_and(|package| {
        ["dependencies", "devDependencies"].iter().any(|key| {
            package
                .get(key)
                .and_then(|deps| deps.get("@dcloudio/vite-plugin-uni"))
                .is_some()
        })
    });
    let declares_vue3 = json(manifest).is_some_and(|manifest| {
        matches!(manifest.get("vueVersion"), Some(version)
            if version.as_str() == Some("3") || version.as_u64() == Some(3))
    });
    if builds_with_vite || declares_vue3 {
        VueVersion::Vue3
    } else {
        VueVersion::Vue2
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vue_version_reads_the_manifest_with_its_comments() {
        let manifest = "{\n    \"name\" : \"hello\",\n    /* App 特有 */\n    \"app-plus\" : { \"compilerVersion\" : 3, },\n    // Vue 版本\n    \"vueVersion\" : \"3\"\n}\n";
        assert_eq!(vue_version_of(manifest, None), VueVersion::Vue3);
        assert_eq!(
            vue_version_of("{ \"vueVersion\": 3 }", None),
            VueVersion::Vue3
        );
        assert_eq!(
            vue_version_of("{ \"vueVersion\": \"2\" }", None),
            VueVersion::Vue2
        );
        assert_eq!(
            vue_version_of("{ \"name\": \"旧项目\" }", None),
            VueVersion::Vue2
        );
        assert_eq!(vue_version_of("not json", None), VueVersion::Vue2);
    }

    #[test]
    fn a_vite_project_builds_with_vue3_whatever_its_manifest_says() {
        let vite =
            r#"{ "devDependencies": { "@dcloudio/vite-plugin-uni": "3.0.0-4020420240722002" } }"#;
        assert_eq!(vue_version_of("{}", Some(vite)), VueVersion::Vue3);
        let vue_cli = r#"{ "dependencies": { "@dcloudio/vue-cli-plugin-uni": "^2.0.2" } }"#;
        assert_eq!(vue_version_of("{}", Some(vue_cli)), VueVersion::Vue2);
    }

    #[test]
    fn the_nearest_manifest_decides_and_a_cli_project_keeps_it_in_src() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir(root.join(".git")).unwrap();
        fs::create_dir_all(root.join("src/pages/index")).unwrap();
        fs::write(root.join("src/manifest.json"), "{}").unwrap();
        fs::write(
            root.join("package.json"),
            r#"{ "dependencies": { "@dcloudio/vite-plugin-uni": "3.0.0" } }"#,
        )
        .unwrap();
        let page = root.join("src/pages/index/index.vue");
        fs::write(&page, "<template/>").unwrap();
        assert_eq!(vue_version(&page), Some(VueVersion::Vue3));
        assert_eq!(vue_version(root), None);
    }
}
