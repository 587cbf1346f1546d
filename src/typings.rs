//! The declaration file a TypeScript project needs once its code calls `wx.qy` and reads
//! `environment`: `miniprogram-api-typings` declares neither (its maintainers ask projects to
//! declare them), so without it `tsc` rejects the migrated code.

use std::fs;
use std::path::{Path, PathBuf};

/// Where the file goes, relative to the project root, unless the configuration says otherwise.
pub const DEFAULT_PATH: &str = "typings/wxwork.d.ts";

/// Declaration merging into the namespace `miniprogram-api-typings` declares. `qy` is optional
/// because WeChat lacks it; `login` and `checkSession` take what WeChat's do (WeCom docs 92388,
/// 96960).
pub const DECLARATIONS: &str = r#"// Added by wxwork-migrate: WeCom's (企业微信) APIs, for code that calls them through `wx.qy`.
declare namespace WechatMiniprogram {
  interface QyGetEnterpriseUserInfoSuccessCallbackResult {
    userInfo: { name: string; gender: number; language: string };
    rawData: string;
    signature: string;
    encryptedData: string;
    iv: string;
    errMsg: string;
  }

  interface QyGetEnterpriseUserInfoOption {
    success?: (result: QyGetEnterpriseUserInfoSuccessCallbackResult) => void;
    fail?: (result: GeneralCallbackResult) => void;
    complete?: (result: GeneralCallbackResult) => void;
  }

  /** `wx.qy`: present only inside WeCom. */
  interface Qy {
    login: Wx["login"];
    checkSession: Wx["checkSession"];
    /** Needs a prior `wx.qy.login`; returns the WeCom member's name, gender and language. */
    getEnterpriseUserInfo(option?: QyGetEnterpriseUserInfoOption): void;
  }

  interface Wx {
    /** Defined inside WeCom, undefined in WeChat. */
    qy?: Qy;
  }

  interface SystemInfo {
    /** `"wxwork"` inside WeCom; absent in WeChat. */
    environment?: string;
  }
}
"#;

/// What the run does about the declaration file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Typings {
    /// The project has no typings of its own for `wx`: nothing to declare.
    NotNeeded,
    /// The file exists and declares `qy` and `environment` already.
    Present,
    /// The file exists with other content: it is the project's, and is not overwritten.
    Occupied(PathBuf),
    /// The file is missing: create it with [`DECLARATIONS`].
    Create(PathBuf),
}

/// Decides for a project whose TypeScript code the run rewrote.
pub fn plan(root: &Path, relative: &Path) -> Typings {
    if !uses_mini_program_typings(root) {
        return Typings::NotNeeded;
    }
    let path = root.join(relative);
    match fs::read_to_string(&path) {
        Ok(text) if declares_wecom(&text) => Typings::Present,
        Ok(_) => Typings::Occupied(path),
        Err(_) if path.exists() => Typings::Occupied(path),
        Err(_) => Typings::Create(path),
    }
}

fn declares_wecom(text: &str) -> bool {
    text.contains("qy") && text.contains("environment")
}

/// `miniprogram-api-typings` in `package.json`, or typings of its own that declare
/// `WechatMiniprogram` (the official TypeScript template vendors them under `typings/`).
fn uses_mini_program_typings(root: &Path) -> bool {
    let in_package = fs::read_to_string(root.join("package.json"))
        .is_ok_and(|text| text.contains("\"miniprogram-api-typings\""));
    in_package || declares_namespace(&root.join("typings"), 3)
}

fn declares_namespace(dir: &Path, depth: usize) -> bool {
    let Ok(entries) = fs::read_dir(dir) else {
        return false;
    };
    entries.flatten().any(|entry| {
        let path = entry.path();
        if path.is_dir() {
            depth > 0 && declares_namespace(&path, depth - 1)
        } else {
            path.to_str().is_some_and(|p| p.ends_with(".d.ts"))
                && fs::read_to_string(&path).is_ok_and(|text| text.contains("WechatMiniprogram"))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn created_only_for_projects_with_mini_program_typings() {
        let dir = tempfile::tempdir().unwrap();
        let relative = Path::new(DEFAULT_PATH);
        assert_eq!(plan(dir.path(), relative), Typings::NotNeeded);

        fs::write(
            dir.path().join("package.json"),
            r#"{ "devDependencies": { "miniprogram-api-typings": "^3.12.0" } }"#,
        )
        .unwrap();
        let path = dir.path().join(DEFAULT_PATH);
        assert_eq!(plan(dir.path(), relative), Typings::Create(path.clone()));

        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, "declare const someGlobal: string;\n").unwrap();
        assert_eq!(plan(dir.path(), relative), Typings::Occupied(path.clone()));

        fs::write(&path, DECLARATIONS).unwrap();
        assert_eq!(plan(dir.path(), relative), Typings::Present);
    }

    #[test]
    fn vendored_typings_count() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("typings/types/wx")).unwrap();
        fs::write(
            dir.path().join("typings/types/wx/index.d.ts"),
            "declare namespace WechatMiniprogram { interface Wx {} }\n",
        )
        .unwrap();
        let plan = plan(dir.path(), Path::new(DEFAULT_PATH));
        assert_eq!(plan, Typings::Create(dir.path().join(DEFAULT_PATH)));
    }
}
