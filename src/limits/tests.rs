use super::*;

#[test]
fn brackets_templates_and_arrow_runs_count() {
    assert_eq!(estimated_nesting("f(a, [b, {c: 1}])"), 3);
    assert_eq!(estimated_nesting("const f = a => b => c => d"), 3);
    assert_eq!(estimated_nesting("f(a => 1, b => 2); g(c => 3)"), 2);
    assert_eq!(estimated_nesting("`${`${x}`}`"), 2);
    assert_eq!(estimated_nesting("<><>{x}</></>"), 3);
    assert_eq!(estimated_nesting("this.data.list.length; a.b"), 3);
}

#[test]
fn strings_and_comments_do_not_count() {
    assert_eq!(
        estimated_nesting("'((((' + \"[[[[\" // {{{{\n/* (((( */ x"),
        0
    );
    assert_eq!(estimated_nesting("`(((( ${'{{'} ((((`"), 1);
}

#[test]
fn an_api_name_is_read_wherever_it_falls_among_the_chunks() {
    let chunk = 1 << 20;
    for at in [0, chunk - 7, chunk - 6, chunk - 1, chunk, 3 * chunk + 5] {
        let mut bytes = vec![b'x'; 4 * chunk];
        bytes[at..at + 12].copy_from_slice(b"checkSession");
        assert!(reads_an_api_name(bytes.as_slice()).unwrap(), "at {at}");
    }
    let mut near_miss = vec![b'x'; 2 * chunk];
    near_miss[chunk - 3..chunk + 8].copy_from_slice(b"checkSessio");
    assert!(!reads_an_api_name(near_miss.as_slice()).unwrap());
}

#[test]
fn text_that_ends_inside_a_token_is_scanned_to_its_end() {
    for tail in [
        "// last line without a newline",
        "/* never closed",
        "'never closed",
        "'escape at the end\\",
        "`never closed",
        "`escape at the end\\",
        "`${never closed",
        "a.b.",
    ] {
        let text = format!("f(a.b, [c]);\n{tail}");
        assert_eq!(estimated_nesting(&text), 2, "{tail:?}");
    }
}

#[test]
fn regexes_are_not_nesting() {
    // Escaped brackets do not count; a group or class counts while the regex lasts.
    assert_eq!(
        estimated_nesting(r"var paren = /\(/; var open = /\[\{/g"),
        0
    );
    assert_eq!(estimated_nesting(r"var close = /[)/(]/g"), 1);
    assert_eq!(estimated_nesting(r"s.replace(/\((\d+)/g, '')"), 2);
    assert_eq!(estimated_nesting(r"if (ok) return /\(\(/.test(s)"), 1);
    assert_eq!(estimated_nesting("x = a / (b) / c(d)"), 1);
    assert_eq!(
        estimated_nesting("const n = total / 2 /* ((( */, m = n / (k)"),
        1
    );
}

#[test]
fn false_wx306_on_thousands_of_paren_regexes() {
    let line = "const pattern = /\\(/\n";
    let flat = format!("{}wx.login()\n", line.repeat(4_000));
    assert!(flat.len() > SCAN_FROM_SIZE);
    assert_eq!(estimated_nesting(&flat), 1);
    assert!(check_text_nesting(&flat).is_ok());
}

#[test]
fn false_wx306_on_thousands_of_semicolon_free_arrows() {
    let line = "export const load = () => request(api.list)\n";
    let flat = format!("{}wx.login()\n", line.repeat(6_000));
    assert!(flat.len() > SCAN_FROM_SIZE);
    assert_eq!(estimated_nesting(&flat), 1);
    assert!(check_text_nesting(&flat).is_ok());
    let blocks = "const onTap = (e) => {\n  this.go(e)\n}\n".repeat(6_000);
    assert!(check_text_nesting(&blocks).is_ok());
}

#[test]
fn a_division_is_never_taken_for_a_regex_that_hides_brackets() {
    let deep =
        |open: &str, close: &str| format!("{}1{}", open.repeat(20_000), close.repeat(20_000));
    for text in [
        format!("x = {{}} / {} / 1", deep("(", ")")),
        format!("x = f() / {} / 1", deep("[", "]")),
        format!("x = a++ / {} / 1", deep("(", ")")),
        format!("x = a.return / {} / 1", deep("(", ")")),
        format!("x = {{}} / {}", deep("(\n", ")\n")),
        format!("x = /re/ / {} / 1", deep("(", ")")),
        format!("const el = {}", deep("<a></a>{(", ")}")),
    ] {
        assert_eq!(
            check_text_nesting(&text),
            Err(TooDeep::Syntax),
            "{}",
            &text[..40]
        );
    }
}

#[test]
fn arrow_runs_across_lines_still_count() {
    assert_eq!(estimated_nesting("const f = a =>\n  b =>\n  c"), 2);
    assert_eq!(estimated_nesting("f = a => b\n  in c => d"), 2);
    let curried = format!("var f = {}0", "a =>\n".repeat(20_000));
    assert_eq!(check_text_nesting(&curried), Err(TooDeep::Syntax));
}

#[test]
fn the_scan_starts_at_its_size_and_not_below() {
    let deep = format!("{}x{}", "(".repeat(6_000), ")".repeat(6_000));
    let pad = |len: usize| format!("{deep}\n//{}", "x".repeat(len - deep.len() - 3));
    assert_eq!(pad(SCAN_FROM_SIZE - 1).len(), SCAN_FROM_SIZE - 1);
    assert!(check_text_nesting(&pad(SCAN_FROM_SIZE - 1)).is_ok());
    assert_eq!(
        check_text_nesting(&pad(SCAN_FROM_SIZE)),
        Err(TooDeep::Syntax)
    );
}

#[test]
fn deep_input_is_refused_before_parsing() {
    let deep = format!("{}wx.login{}", "(".repeat(20_000), ")".repeat(20_000));
    assert_eq!(check_text_nesting(&deep), Err(TooDeep::Syntax));
    let arrows = format!("var f = {}0", "a => ".repeat(20_000));
    assert_eq!(check_text_nesting(&arrows), Err(TooDeep::Syntax));
    let fragments = format!("let x = {}{};", "<>".repeat(20_000), "</>".repeat(20_000));
    assert_eq!(check_text_nesting(&fragments), Err(TooDeep::Syntax));
    let namespace = format!("namespace {}b {{}}", "a.".repeat(20_000));
    assert_eq!(check_text_nesting(&namespace), Err(TooDeep::Syntax));
    let small = format!("{}wx.login{}", "(".repeat(6_000), ")".repeat(6_000));
    assert!(
        check_text_nesting(&small).is_ok(),
        "left to the tree's check"
    );
}
