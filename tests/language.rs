//! The language of every message: chosen by `--lang`, `WXWORK_MIGRATE_LANG` or the locale, and
//! followed by the demo's runs in every mode, by JSON and SARIF, and by clap's complaints.

mod common;

use assert_cmd::Command;
use common::run::{demo, err, has_chinese, out, run, run_zh, tool, without_timing};

#[test]
fn the_flag_wins_over_the_variable_which_wins_over_the_locale() {
    let dir = demo();
    let check = |cmd: &mut Command| out(&cmd.arg("--check").output().unwrap());
    let chinese = "WX101 wx.login 已加判断：企业微信中调用 wx.qy.login，微信中仍调用 wx.login";
    let english = "WX101 wx.login guarded: WeCom calls wx.qy.login, WeChat keeps wx.login";

    assert!(check(&mut tool(dir.path())).contains(english));
    assert!(check(tool(dir.path()).env("LANG", "zh_CN.UTF-8")).contains(chinese));
    assert!(check(
        tool(dir.path())
            .env("LC_ALL", "zh_CN.UTF-8")
            .env("LANG", "C")
    )
    .contains(chinese));
    assert!(check(
        tool(dir.path())
            .env("LC_ALL", "en_US.UTF-8")
            .env("LANG", "zh_CN")
    )
    .contains(english));
    let variable = tool(dir.path())
        .env("LANG", "zh_CN.UTF-8")
        .env("WXWORK_MIGRATE_LANG", "en")
        .arg("--check")
        .output()
        .unwrap();
    assert!(out(&variable).contains(english));
    let flag = tool(dir.path())
        .env("WXWORK_MIGRATE_LANG", "en")
        .args(["--check", "--lang", "zh"])
        .output()
        .unwrap();
    assert!(out(&flag).contains(chinese));
}

#[test]
fn the_demo_speaks_chinese_in_every_mode_when_the_locale_is_chinese() {
    let dir = demo();
    let dry = run_zh(dir.path(), &[]);
    assert_eq!(dry.status.code(), Some(0));
    assert_eq!(
        out(&dry),
        out(&run(dir.path(), &[])),
        "the diff is the same in both"
    );
    assert!(out(&dry).contains("--- a/app.js"));
    assert_eq!(
        without_timing(&err(&dry)).lines().rev().take(6).collect::<Vec<_>>(),
        [
            "  3. 先在开发者工具的企业微信模式下测试，再到企业微信中实际测试。",
            "  2. 把标记为 WX201 的 wx.getUserInfo 逐一改为 wx.qy.getEnterpriseUserInfo。",
            "     （返回 userid 和 corpid，而不是 openid）；微信的 sns/jscode2session 不接受这些 code。",
            "  1. 后端：企业微信中得到的 code 须用 https://qyapi.weixin.qq.com/cgi-bin/miniprogram/jscode2session 换取",
            "后续步骤：",
            "[*] 其中 10 处可用 --write 自动修复：wxwork-migrate --write",
        ]
    );
    assert!(
        err(&dry).contains("共扫描 14 个文件（解析 10 个）：6 个文件待修改（10 处改写），3 处需人工处理，1 条提示，0 个错误，用时 "),
        "{}",
        err(&dry)
    );

    let check = run_zh(dir.path(), &["--check"]);
    assert_eq!(check.status.code(), Some(1));
    for line in out(&check).lines() {
        assert!(has_chinese(line), "{line}");
    }

    let written = run_zh(dir.path(), &["--write"]);
    assert_eq!(written.status.code(), Some(0));
    let stderr = err(&written);
    assert!(stderr.contains("已修改 6 个文件（10 处改写）"), "{stderr}");
    assert!(
        stderr.contains("wxwork-migrate: 已添加 typings/wxwork.d.ts："),
        "{stderr}"
    );
    for english in ["scanned", "Next steps", "added", "would", "error"] {
        assert!(!stderr.contains(english), "`{english}` in:\n{stderr}");
    }

    let explained = run_zh(dir.path(), &["explain", "WX101"]);
    assert!(out(&explained).starts_with("WX101 (修复)\n\n含义\n  wx.login 已加判断"));
}

#[test]
fn json_and_sarif_messages_follow_the_language_and_keep_their_field_names() {
    let dir = demo();
    let json = run(dir.path(), &["--output-format", "json", "--lang", "zh"]);
    let doc: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let first = &doc["findings"][0];
    assert_eq!(first["code"], "WX102");
    assert_eq!(first["severity"], "fix");
    assert!(has_chinese(first["message"].as_str().unwrap()), "{first}");
    assert_eq!(doc["summary"]["rewrites"], 10);

    let sarif = run(dir.path(), &["--output-format", "sarif", "--lang", "zh"]);
    let log: serde_json::Value = serde_json::from_slice(&sarif.stdout).unwrap();
    let run = &log["runs"][0];
    assert_eq!(run["tool"]["driver"]["rules"][0]["id"], "WX101");
    let rule = run["tool"]["driver"]["rules"][0]["shortDescription"]["text"]
        .as_str()
        .unwrap();
    assert_eq!(rule, "wx.login 已加判断，在企业微信中调用 wx.qy.login。");
    assert!(has_chinese(
        run["results"][0]["message"]["text"].as_str().unwrap()
    ));
}

#[test]
fn a_mistyped_option_is_named_in_the_language_of_the_run() {
    let dir = demo();
    let typo = run_zh(dir.path(), &["--wirte"]);
    assert_eq!(typo.status.code(), Some(2));
    assert_eq!(
        err(&typo),
        "wxwork-migrate: 错误：未知的选项 `--wirte`；是不是要用 `--write`？\n\
         运行 `wxwork-migrate --help` 查看所有选项。\n"
    );
    let conflict = run(dir.path(), &["--write", "--check"]);
    assert_eq!(
        err(&conflict).lines().next(),
        Some("wxwork-migrate: error: --write cannot be used with --check")
    );
    let size = run_zh(dir.path(), &["--max-file-size", "4G"]);
    assert!(
        err(&size).starts_with("wxwork-migrate: 错误：--max-file-size <SIZE>：`4G` 不是有效的大小")
    );
}
