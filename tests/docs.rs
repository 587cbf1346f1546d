//! The README documents every finding code with the severity the tool gives it.

use wxwork_migrate::diagnostic::Code;

#[test]
fn readme_lists_every_finding_code() {
    let readme = include_str!("../README.md");
    for code in Code::ALL {
        let row = format!("| `{}` | {} |", code.as_str(), code.severity().as_str());
        assert!(readme.contains(&row), "README lacks the row starting {row}");
    }
}

#[test]
fn readme_starts_with_the_demo_and_test_commands() {
    let readme = include_str!("../README.md");
    let first_block = readme.split("```").nth(1).expect("a code block");
    let commands: Vec<&str> = first_block
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .collect();
    assert!(commands[0].starts_with("cargo run --locked -- fixtures/demo-miniprogram"));
    assert!(commands[1].starts_with("cargo test --locked"));
}
