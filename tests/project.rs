//! Project layouts from `project.config.json`: only the mini-program root is rewritten, cloud
//! functions and servers are scanned for the code exchange, framework build output is skipped.

use std::fs;
use std::path::Path;

use assert_cmd::Command;

const GUARD: &str = r#"(wx.getSystemInfoSync().environment === "wxwork" ? wx.qy : wx)"#;
const LOGIN: &str = "wx.login({ success: (res) => console.log(res.code) });\n";
const EXCHANGE: &str =
    "const url = 'https://api.weixin.qq.com/sns/jscode2session';\nwx.login({});\n";

fn write(root: &Path, path: &str, text: &str) {
    let path = root.join(path);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

fn run(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let output = Command::cargo_bin("wxwork-migrate")
        .unwrap()
        .current_dir(dir)
        .env("WXWORK_MIGRATE_LANG", "en")
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

#[test]
fn only_the_mini_program_root_is_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "project.config.json",
        r#"{ "miniprogramRoot": "miniprogram/", "cloudfunctionRoot": "cloudfunctions/" }"#,
    );
    write(root, "miniprogram/app.js", LOGIN);
    write(root, "cloudfunctions/login/index.js", EXCHANGE);
    write(root, "server/auth.js", EXCHANGE);

    let (code, stderr) = run(root, &["--write"]);

    assert_eq!(code, Some(0), "{stderr}");
    let app = fs::read_to_string(root.join("miniprogram/app.js")).unwrap();
    assert!(app.contains(GUARD));
    for untouched in ["cloudfunctions/login/index.js", "server/auth.js"] {
        assert_eq!(fs::read_to_string(root.join(untouched)).unwrap(), EXCHANGE);
        assert!(
            stderr.contains(&format!("{untouched}:1:13: WX401 ")),
            "{stderr}"
        );
        assert!(
            !stderr.contains(&format!("{untouched}:2:1: WX101")),
            "{stderr}"
        );
    }
    assert!(
        stderr.contains("cloud functions in cloudfunctions/ run on Node.js"),
        "{stderr}"
    );
    assert!(
        stderr.contains("mini-program root miniprogram/"),
        "{stderr}"
    );
}

#[test]
fn a_framework_build_output_is_skipped_and_its_sources_are_migrated() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "project.config.json",
        r#"{ "miniprogramRoot": "dist/" }"#,
    );
    write(
        root,
        "package.json",
        r#"{ "dependencies": { "@tarojs/taro": "^3.6.0" } }"#,
    );
    write(root, "dist/app.js", LOGIN);
    write(root, "src/app.js", LOGIN);

    let (code, stderr) = run(root, &["--write"]);

    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(fs::read_to_string(root.join("dist/app.js")).unwrap(), LOGIN);
    assert!(fs::read_to_string(root.join("src/app.js"))
        .unwrap()
        .contains(GUARD));
    assert!(
        stderr.contains("Taro project: dist/ is its build output"),
        "{stderr}"
    );
    assert!(stderr.contains("1 file scanned"), "{stderr}");
}

/// A `tsc` build into `dist/`, with no framework in `package.json`: `dist/` was rewritten and
/// `src/*.ts` never looked at, so the next build undid the migration.
#[test]
fn a_plain_tsc_build_output_is_skipped_and_its_typescript_sources_are_migrated() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "project.config.json",
        r#"{ "miniprogramRoot": "dist/", "compileType": "miniprogram" }"#,
    );
    write(
        root,
        "package.json",
        r#"{ "scripts": { "build": "tsc" }, "devDependencies": { "typescript": "^5.4.0", "miniprogram-api-typings": "^3.12.0" } }"#,
    );
    write(
        root,
        "tsconfig.json",
        "{\n  \"compilerOptions\": {\n    \"target\": \"ES2018\",\n    \"outDir\": \"dist\", // the mini-program root\n    \"rootDir\": \"src\",\n  },\n}\n",
    );
    let source = "export function login(): void {\n  wx.login({ success: (res) => console.log(res.code) })\n}\n";
    write(root, "src/utils/auth.ts", source);
    write(root, "dist/utils/auth.js", LOGIN);

    let (code, stderr) = run(root, &["--write"]);

    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(
        fs::read_to_string(root.join("dist/utils/auth.js")).unwrap(),
        LOGIN
    );
    let migrated = fs::read_to_string(root.join("src/utils/auth.ts")).unwrap();
    assert!(migrated.contains("wx.qy!"), "{migrated}");
    assert!(
        stderr.contains(
            "dist/ is build output (tsconfig.json's outDir), regenerated on every build, and \
             was not rewritten; its sources outside it were migrated instead"
        ),
        "{stderr}"
    );
}

#[test]
fn a_malformed_project_config_is_a_warning_and_the_tree_is_plain() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "project.config.json", "{ \"miniprogramRoot\": ");
    write(root, "app.js", LOGIN);

    let (code, stderr) = run(root, &["--write"]);

    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.starts_with("wxwork-migrate: warning: ")
            && stderr.contains("project.config.json: not valid JSON"),
        "{stderr}"
    );
    assert!(fs::read_to_string(root.join("app.js"))
        .unwrap()
        .contains(GUARD));
}

#[test]
fn the_uni_app_demo_migrates_its_sources_and_not_its_build_output() {
    fn copy(from: &Path, to: &Path) {
        fs::create_dir_all(to).unwrap();
        for entry in fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            let target = to.join(entry.file_name());
            if entry.file_type().unwrap().is_dir() {
                copy(&entry.path(), &target);
            } else {
                fs::copy(entry.path(), &target).unwrap();
            }
        }
    }
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/demo-uniapp");
    let dir = tempfile::tempdir().unwrap();
    copy(&demo, dir.path());
    let built = fs::read_to_string(dir.path().join("dist/build/mp-weixin/app.js")).unwrap();

    let (code, stderr) = run(dir.path(), &["--write"]);

    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(
        fs::read_to_string(dir.path().join("dist/build/mp-weixin/app.js")).unwrap(),
        built
    );
    // The demo's wxwork-migrate.toml names its own guard; the page's script is TypeScript.
    let page = fs::read_to_string(dir.path().join("src/pages/login/login.vue")).unwrap();
    let guard = r#"(wx.getSystemInfoSync().environment === 'wxwork' && !!wx.qy ? wx.qy! : wx)"#;
    assert!(page.contains(&format!("{guard}.login({{")), "{page}");
    let (_, second) = run(dir.path(), &["--check"]);
    assert!(
        !second.contains("WX101"),
        "a second run rewrites nothing: {second}"
    );
    // Its `uni.login` is in `#ifndef MP-WEIXIN`: not code the WeChat build keeps, so neither
    // rewritten nor noted, and no module is needed.
    assert!(!stderr.contains("uni.login"), "{stderr}");
    assert!(!dir.path().join("src/wxwork.js").exists());
    assert!(stderr.contains("uni-app project: dist/build/mp-weixin/ is its build output"));
}

/// Projects side by side, each with its own package.json, each get their own WeCom module and
/// their own framework's shapes, whichever folder the run starts from.
#[test]
fn each_project_of_a_run_gets_its_own_module() {
    let dir = tempfile::tempdir().unwrap();
    let project = |name: &str, dependency: &str, page: &str| {
        let root = dir.path().join(name);
        fs::create_dir_all(root.join("src/pages")).unwrap();
        fs::write(
            root.join("package.json"),
            format!(r#"{{ "dependencies": {{ "{dependency}": "*" }} }}"#),
        )
        .unwrap();
        fs::write(root.join("src/pages/login.js"), page).unwrap();
    };
    project(
        "shop",
        "@tarojs/taro",
        "import Taro from '@tarojs/taro'\nexport const login = () => Taro.login()\n",
    );
    project(
        "crm",
        "@dcloudio/uni-app",
        "export async function login() {\n  const [err, res] = await uni.login()\n  return res\n}\n",
    );
    let (code, stderr) = run(dir.path(), &["--write"]);
    assert_eq!(code, Some(0), "{stderr}");
    for name in ["shop", "crm"] {
        let page = fs::read_to_string(dir.path().join(name).join("src/pages/login.js")).unwrap();
        assert!(page.contains("import * as wxwork from "), "{page}");
        assert!(page.contains("../wxwork"), "{page}");
        let module = dir.path().join(name).join("src/wxwork.js");
        assert!(module.is_file(), "{}", module.display());
    }
    let crm = fs::read_to_string(dir.path().join("crm/src/pages/login.js")).unwrap();
    assert!(
        crm.contains("(wxwork.isWxWork() ? wxwork.tuple : uni).login()"),
        "{crm}"
    );
    assert!(!dir.path().join("wxwork.js").exists());
}

/// The module never lands in a framework's build output, which the next build overwrites: such
/// a `module-dir` is refused with a warning, and the calls that need it stay as they are.
#[test]
fn the_module_never_goes_into_build_output() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir_all(root.join("src/pages")).unwrap();
    fs::create_dir_all(root.join("dist")).unwrap();
    fs::write(
        root.join("package.json"),
        r#"{ "dependencies": { "@tarojs/taro": "3.6.40" } }"#,
    )
    .unwrap();
    fs::write(
        root.join("project.config.json"),
        r#"{ "miniprogramRoot": "dist/" }"#,
    )
    .unwrap();
    fs::write(root.join("wxwork-migrate.toml"), "module-dir = \"dist\"\n").unwrap();
    let page = "import Taro from '@tarojs/taro'\nexport const login = () => Taro.login()\n";
    fs::write(root.join("src/pages/login.js"), page).unwrap();
    let (code, stderr) = run(root, &["--write"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains("dist/wxwork.js is in a folder that a package manager or a build writes"),
        "{stderr}"
    );
    assert!(
        stderr.contains("src/pages/login.js:2:28: WX402 "),
        "{stderr}"
    );
    assert!(!root.join("dist/wxwork.js").exists());
    assert_eq!(
        fs::read_to_string(root.join("src/pages/login.js")).unwrap(),
        page
    );
}
