//! `wxwork-migrate explain WX101`: a code's documentation, like `ruff rule`.

use crate::compat;
use crate::diagnostic::examples::example;
use crate::diagnostic::Code;
use crate::t;

/// What the code means, why it is reported, an example and how to fix it.
pub fn document(code: Code) -> String {
    let id = code.as_str();
    let example = example(code).map_or_else(|| t!("explain-no-example"), str::to_string);
    let mut sections = vec![
        (t!("explain-what"), code.summary()),
        (t!("explain-why"), t!(&format!("why-{id}"))),
        (t!("explain-example"), example),
        (t!("explain-fix"), t!(&format!("fix-{id}"))),
    ];
    if code.cites_support_table() {
        let source = t!(
            "explain-support-table",
            api_page = compat::API_PAGE,
            date = compat::TABLE_DATE,
            component_page = compat::COMPONENT_PAGE
        );
        sections.push((t!("explain-source"), source));
    }
    let mut text = format!("{id} ({})\n", code.severity().label());
    for (heading, body) in sections {
        text.push_str(&format!("\n{heading}\n"));
        for line in body.lines() {
            text.push_str(&format!("  {line}\n"));
        }
    }
    text
}

/// The document of the code asked for (in any case), or why there is none.
pub fn explain(asked: &str) -> Result<String, String> {
    let found = Code::ALL
        .into_iter()
        .find(|code| code.as_str().eq_ignore_ascii_case(asked.trim()));
    found.map(document).ok_or_else(|| {
        let codes: Vec<&str> = Code::ALL.iter().map(|code| code.as_str()).collect();
        t!("explain-unknown", code = asked, codes = codes.join(", "))
    })
}
