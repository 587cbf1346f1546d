//! `wxwork-migrate explain WX101`: a code's documentation, like `ruff rule`; and the same
//! documentation as Markdown pages under `docs/`, for links from findings (the web page's).
//!
//! Both take a [`Lang`] rather than the run's language, so that one process (the test that
//! keeps the pages fresh) can write them in every language.

use crate::compat;
use crate::diagnostic::examples::example;
use crate::diagnostic::Code;
use crate::messages::{self, text, Lang};
use crate::t;

/// A section's text. The example is code, which Markdown fences; `explain` prints both alike.
enum Body {
    Prose(String),
    Example(&'static str),
}

struct Section {
    heading: String,
    body: Body,
}

fn say(lang: Lang, key: &str) -> String {
    text(lang, key, &[])
}

/// What the code means, why it is reported, an example, how to fix it, and the source of
/// WeCom's tables where the finding rests on them.
fn sections(code: Code, lang: Lang) -> Vec<Section> {
    let prose = |heading: &str, body: String| Section {
        heading: say(lang, heading),
        body: Body::Prose(body),
    };
    let id = code.as_str();
    let example = match example(code) {
        Some(example) => Body::Example(example),
        None => Body::Prose(say(lang, "explain-no-example")),
    };
    let mut sections = vec![
        prose("explain-what", code.summary_in(lang)),
        prose("explain-why", say(lang, &format!("why-{id}"))),
        Section {
            heading: say(lang, "explain-example"),
            body: example,
        },
        prose("explain-fix", say(lang, &format!("fix-{id}"))),
    ];
    if code.cites_support_table() {
        let source = text(
            lang,
            "explain-support-table",
            &[
                ("api_page", &compat::API_PAGE),
                ("date", &compat::TABLE_DATE),
                ("component_page", &compat::COMPONENT_PAGE),
            ],
        );
        sections.push(prose("explain-source", source));
    }
    sections
}

/// The code's document for the terminal: a line naming the code, then indented sections.
pub fn document(code: Code, lang: Lang) -> String {
    let label = code.severity().label_in(lang);
    let mut text = format!("{code} ({label})\n");
    for Section { heading, body } in sections(code, lang) {
        text.push_str(&format!("\n{heading}\n"));
        let body = match &body {
            Body::Prose(prose) => prose.as_str(),
            Body::Example(example) => example,
        };
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
    found
        .map(|code| document(code, messages::lang()))
        .ok_or_else(|| {
            let codes: Vec<&str> = Code::ALL.iter().map(|code| code.as_str()).collect();
            t!("explain-unknown", code = asked, codes = codes.join(", "))
        })
}

/// The folder of the code pages in `lang`, from the repository's root.
pub fn pages_folder(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "docs/codes",
        Lang::Zh => "docs/zh-CN/codes",
    }
}

/// The other language, and its folder as a link from this one's.
fn other_language(lang: Lang) -> (Lang, &'static str) {
    match lang {
        Lang::En => (Lang::Zh, "../zh-CN/codes"),
        Lang::Zh => (Lang::En, "../../codes"),
    }
}

/// The links at the foot of a page: the same page in the other language, then the index.
fn footer(lang: Lang, page: &str, index: Option<&str>) -> String {
    let (other, folder) = other_language(lang);
    let mut links = format!("[{}]({folder}/{page})", say(other, "language-name"));
    if let Some(index) = index {
        links.push_str(&format!(" · [{}]({index})", say(lang, "codes-index-link")));
    }
    links + "\n"
}

/// The code's page in Markdown: `explain`'s sections under a title, with the example fenced.
pub fn page(code: Code, lang: Lang) -> String {
    let severity = code.severity().label_in(lang);
    let mut page = format!(
        "# {code}: {}\n\n{}\n",
        code.summary_in(lang),
        text(lang, "codes-severity", &[("severity", &severity)])
    );
    for Section { heading, body } in sections(code, lang) {
        let markdown = match body {
            // Each line a paragraph: the source's lines are a label, then its address.
            Body::Prose(prose) => prose.lines().collect::<Vec<_>>().join("\n\n"),
            Body::Example(example) => format!("```{}\n{example}\n```", fence_language(example)),
        };
        page.push_str(&format!("\n## {heading}\n\n{markdown}\n"));
    }
    page.push('\n');
    page + &footer(lang, &format!("{code}.md"), Some("README.md"))
}

/// `html` for markup (WXML), `js` otherwise: the language a fenced example is highlighted as.
fn fence_language(example: &str) -> &'static str {
    if example.starts_with('<') {
        "html"
    } else {
        "js"
    }
}

/// The index of the code pages in Markdown: one row a code, in [`Code::ALL`]'s order.
pub fn index(lang: Lang) -> String {
    let mut index = format!(
        "# {}\n\n{}\n\n| {} | {} | {} |\n| --- | --- | --- |\n",
        say(lang, "codes-index-title"),
        say(lang, "codes-index-intro"),
        say(lang, "codes-column-code"),
        say(lang, "codes-column-severity"),
        say(lang, "codes-column-summary"),
    );
    for code in Code::ALL {
        index.push_str(&format!(
            "| `{code}` | {} | [{}]({code}.md) |\n",
            code.severity().as_str(),
            code.summary_in(lang).replace('|', "\\|")
        ));
    }
    index.push('\n');
    index + &footer(lang, "README.md", None)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The pages name a code as `--help` and the findings do, in the page's language, and so
    /// does `explain` in the run's.
    #[test]
    fn summaries_and_labels_are_the_ones_the_run_uses() {
        for code in Code::ALL {
            let severity = code.severity();
            assert!(document(code, messages::lang())
                .starts_with(&format!("{code} ({})\n", severity.label())));
            assert!(document(code, messages::lang()).contains(&code.summary()));
            for lang in Lang::ALL {
                let title = format!("# {code}: {}\n", code.summary_in(lang));
                assert!(page(code, lang).starts_with(&title), "{code} in {lang:?}");
            }
            assert_ne!(code.summary_in(Lang::En), code.summary_in(Lang::Zh));
        }
    }

    #[test]
    fn markup_examples_are_fenced_as_html() {
        let fenced = |code| page(code, Lang::En).contains("```html\n<");
        assert!(fenced(Code::UnsupportedComponent));
        assert!(fenced(Code::DynamicOpenType));
        assert!(!fenced(Code::LoginRewrite));
        assert!(page(Code::LoginRewrite, Lang::En).contains("```js\nwx.login("));
    }
}
