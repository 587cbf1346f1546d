//! Property tests: generated programs that mix rewrite sites with arbitrary surrounding code
//! (comments and strings that mention the APIs, unicode, CRLF, a byte order mark, nested
//! functions, bindings that shadow `wx`, existing WeCom checks, semicolon-free style). The
//! generator knows where it put every site and what the tool must do there, so each case checks:
//!
//! - the input parses, and migrating it neither fails nor panics;
//! - the output is exactly the input with the expected replacement at each global site (the
//!   guard, `;` + guard after an open statement in semicolon-free code, `wx.qy` in a WeCom
//!   branch) and nothing else: so only rewrite sites change;
//! - every global `wx.login` / `wx.checkSession` read is rewritten (WX101/WX102 at its place),
//!   every `wx.getUserInfo` outside a WeChat branch is flagged (WX201), every shadowed one gets a
//!   WX301 note, writes, destructuring and aliases their notes, and there are no other findings;
//! - the output parses and a second run changes nothing (tests/common).
//!
//! A sixth of the programs are padded past 32 KiB, from where the tool estimates nesting
//! before parsing (src/limits.rs): with comment lines or blank lines before the code, or a line
//! comment after it that the file ends inside, without a newline (issue 10's WX903 panic).
//!
//! 64 cases by default, so that `cargo test` stays fast; `PROPTEST_CASES=5000` runs more.

mod common;

use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence};
use wxwork_migrate::diagnostic::Code;
use wxwork_migrate::language::Language;
use wxwork_migrate::migrate::migrate;
use wxwork_migrate::parse::parse;
use wxwork_migrate::plan::Guard;

#[derive(Clone, Copy, Debug, PartialEq)]
enum Api {
    Login,
    CheckSession,
    GetUserInfo,
}

impl Api {
    fn name(self) -> &'static str {
        match self {
            Api::Login => "login",
            Api::CheckSession => "checkSession",
            Api::GetUserInfo => "getUserInfo",
        }
    }
}

/// How a site reads the API; `@` is the `wx` token of the site, `N` the API's name, `#` a
/// fresh number; then the dialects it is valid in.
const FORMS: &[(&str, Dialects)] = &[
    ("@.N({ success: (res) => res })", ALL),
    ("@[\"N\"]()", ALL),
    ("@['N']?.()", ALL),
    ("@?.N()", ALL),
    ("@.N?.()", ALL),
    ("@\n    .N()", ALL),
    ("@ /* 注释 */ .N()", ALL),
    ("@ // 行尾\n  .N({})", ALL),
    ("promisify(@.N)", ALL),
    ("const f# = @.N", ALL),
    ("use([@.N, 1])", ALL),
    ("typeof @.N === 'function' && go()", ALL),
    ("@.N.call(wx, {})", ALL),
    ("ok ? @.N() : null", ALL),
    ("new Promise((resolve) => @.N({ success: resolve }))", ALL),
    ("`${@.N}`.length", ALL),
    // TypeScript only.
    ("(@ as any).N()", TS),
    ("@!.N()", TS),
    ("(<any>@).N()", TS_NOT_TSX),
];

#[derive(Clone, Copy, PartialEq)]
enum Dialects {
    All,
    Ts,
    TsNotTsx,
}
const ALL: Dialects = Dialects::All;
const TS: Dialects = Dialects::Ts;
const TS_NOT_TSX: Dialects = Dialects::TsNotTsx;

#[derive(Clone, Debug)]
enum Stmt {
    Site(Api, usize),
    /// Text that mentions the APIs but reads no global `wx` property.
    Decoy(usize),
    Plain(usize),
    /// `wx.N = ...`, `const { N: d } = wx`, `const w = wx; w.N()`.
    Note(Api, usize),
    Func(usize, Vec<Stmt>),
    Shadow(usize, Vec<Stmt>),
    Guard(usize, Vec<Stmt>, Vec<Stmt>),
}

fn api() -> impl Strategy<Value = Api> {
    prop_oneof![
        Just(Api::Login),
        Just(Api::CheckSession),
        Just(Api::GetUserInfo)
    ]
}

fn stmt() -> impl Strategy<Value = Stmt> {
    let leaf = prop_oneof![
        4 => (api(), 0..FORMS.len()).prop_map(|(a, f)| Stmt::Site(a, f)),
        2 => (0..DECOYS).prop_map(Stmt::Decoy),
        2 => (0..PLAINS).prop_map(Stmt::Plain),
        1 => (api(), 0..3usize).prop_map(|(a, k)| Stmt::Note(a, k)),
    ];
    leaf.prop_recursive(3, 48, 6, |inner| {
        let list = prop::collection::vec(inner, 0..6);
        prop_oneof![
            (0..FUNCS, list.clone()).prop_map(|(k, b)| Stmt::Func(k, b)),
            (0..SHADOWS, list.clone()).prop_map(|(k, b)| Stmt::Shadow(k, b)),
            (0..GUARDS, list.clone(), list).prop_map(|(k, a, b)| Stmt::Guard(k, a, b)),
        ]
    })
}

/// Padding that carries a program past the nesting scan's size, and changes no site.
#[derive(Clone, Copy, Debug)]
enum Pad {
    CommentLines,
    BlankLines,
    /// A last line comment without a newline: the text ends inside it.
    TrailingComment,
}

/// `SCAN_FROM_SIZE` in src/limits.rs: padding adds more than this.
const NESTING_SCAN_FROM: usize = 32 << 10;

#[derive(Clone, Debug)]
struct Program {
    language: Language,
    semicolons: bool,
    crlf: bool,
    bom: bool,
    pad: Option<Pad>,
    body: Vec<Stmt>,
}

fn program() -> impl Strategy<Value = Program> {
    (
        prop_oneof![
            Just(Language::JavaScript),
            Just(Language::TypeScript),
            Just(Language::Tsx)
        ],
        any::<bool>(),
        any::<bool>(),
        prop::bool::weighted(0.1),
        prop_oneof![
            15 => Just(None),
            1 => Just(Some(Pad::CommentLines)),
            1 => Just(Some(Pad::BlankLines)),
            1 => Just(Some(Pad::TrailingComment)),
        ],
        prop::collection::vec(stmt(), 1..10),
    )
        .prop_map(|(language, semicolons, crlf, bom, pad, body)| Program {
            language,
            semicolons,
            crlf,
            bom,
            pad,
            body,
        })
}

const DECOYS: usize = 12;
const PLAINS: usize = 7;
const FUNCS: usize = 4;
const SHADOWS: usize = 7;
const GUARDS: usize = 6;

#[derive(Clone, Copy, Debug, PartialEq)]
enum Env {
    WeCom,
    WeChat,
}

#[derive(Clone, Copy)]
struct Ctx {
    shadowed: bool,
    env: Option<Env>,
}

/// What the tool must do at one `wx` token.
#[derive(Debug)]
struct Expect {
    /// Byte offset of the `wx` token in the input.
    at: usize,
    /// Replacement of the two bytes `wx`; `None`: left as it is.
    replace: Option<String>,
    /// The finding whose range must contain `at`; `None`: no finding there.
    code: Option<Code>,
}

struct Writer {
    text: String,
    nl: &'static str,
    semicolons: bool,
    language: Language,
    counter: usize,
    sites: Vec<Expect>,
    /// Findings expected without a position check (notes on writes, destructuring, aliases).
    notes: Vec<Code>,
}

impl Writer {
    fn fresh(&mut self) -> usize {
        self.counter += 1;
        self.counter
    }

    fn indent(&mut self, depth: usize) {
        for _ in 0..depth {
            self.text.push_str("  ");
        }
    }

    /// Writes `template`, where `@` is the site's `wx` token (recorded with `expect`), `N` the
    /// API's name, `#` a fresh number and `\n` the file's line ending.
    fn write_template(&mut self, template: &str, api: Api, mut expect: Option<Expect>) {
        let n = self.fresh();
        for ch in template.chars() {
            match ch {
                '@' => {
                    if let Some(mut e) = expect.take() {
                        e.at = self.text.len();
                        self.sites.push(e);
                    }
                    self.text.push_str("wx");
                }
                'N' => self.text.push_str(api.name()),
                '#' => self.text.push_str(&n.to_string()),
                '\n' => self.text.push_str(self.nl),
                c => self.text.push(c),
            }
        }
    }

    fn list(&mut self, stmts: &[Stmt], depth: usize, ctx: Ctx) {
        let mut open = false;
        for stmt in stmts {
            open = self.stmt(stmt, depth, ctx, open);
        }
    }

    /// Writes a statement template as a line, with its terminator.
    fn line(
        &mut self,
        depth: usize,
        template: &str,
        api: Api,
        open_before: bool,
        e: Option<Expect>,
    ) {
        self.indent(depth);
        let hazard = template.starts_with(['(', '[', '`', '<']);
        if hazard && !self.semicolons {
            self.text.push(';');
        }
        let e = e.map(|mut e| {
            let guard = common::forms(self.language).0;
            if e.replace.as_deref() == Some(guard)
                && template.starts_with('@')
                && open_before
                && !self.semicolons
            {
                e.replace = Some(format!(";{guard}"));
            }
            e
        });
        self.write_template(template, api, e);
        if self.semicolons {
            self.text.push(';');
        }
        self.text.push_str(self.nl);
    }

    /// Returns whether the statement is left open (a following `(` would continue it).
    fn stmt(&mut self, stmt: &Stmt, depth: usize, ctx: Ctx, open: bool) -> bool {
        match stmt {
            Stmt::Site(api, form) => {
                let (template, dialects) = FORMS[*form];
                let valid = match dialects {
                    Dialects::All => true,
                    Dialects::Ts => self.language.is_typescript(),
                    Dialects::TsNotTsx => self.language == Language::TypeScript,
                };
                let template = if valid { template } else { FORMS[0].0 };
                let expect = self.expect(*api, ctx);
                self.line(depth, template, *api, open, Some(expect));
                true
            }
            Stmt::Decoy(k) => {
                let template = match k {
                    0 => "log('wx.login() 登录 🎉')",
                    1 => "log(\"wx.checkSession\\u2028\")",
                    2 => "// wx.login({ success }) 和 wx.getUserInfo()",
                    3 => "/* wx.checkSession() */ foo()",
                    4 => "log(`wx.login ${count} wx.getUserInfo`)",
                    5 => "other.login()",
                    6 => "wxx.checkSession()",
                    7 => "log(/wx\\.login/.test(s))",
                    8 => "const o# = { login() {}, checkSession: 1, wx: 2 }",
                    9 => "this.wx.login()",
                    10 => "const 用户# = { wx: { login: 1 } }.wx.login",
                    _ => "log('(wx.getSystemInfoSync().environment === \"wxwork\" ? wx.qy : wx).login')",
                };
                self.line(depth, template, Api::Login, open, None);
                // A line comment leaves the statement before it as it was.
                if *k == 2 {
                    open
                } else {
                    true
                }
            }
            Stmt::Plain(k) => {
                let template = match k {
                    0 => "foo()",
                    1 => "let v# = '登录成功 🎉'",
                    2 => "count += 1",
                    3 => "wx.request({ url: 'https://例子.com/api' })",
                    4 => "wx.showToast({ title: '已登录' })",
                    5 => "const 名字# = \"微信\\r\\n\"",
                    _ => "let t# = a\n    + b",
                };
                self.line(depth, template, Api::Login, open, None);
                true
            }
            Stmt::Note(api, k) => {
                if ctx.shadowed {
                    return self.stmt(&Stmt::Plain(0), depth, ctx, open);
                }
                match k {
                    0 => {
                        self.line(depth, "wx.N = wrap(wx.N)", *api, open, None);
                        // The right-hand `wx.N` is a read: rewritten (or flagged) as any other.
                        let at = self.text.rfind("wx.").unwrap();
                        let e = Expect {
                            at,
                            ..self.expect(*api, ctx)
                        };
                        self.sites.push(e);
                        self.notes.push(Code::Write);
                    }
                    1 => {
                        self.line(depth, "const { N: d# } = wx", *api, open, None);
                        self.notes.push(Code::Destructure);
                    }
                    _ => {
                        self.line(depth, "const w# = wx", *api, open, None);
                        self.counter -= 1;
                        self.line(depth, "w#.N()", *api, true, None);
                        self.notes.push(Code::Alias);
                    }
                }
                true
            }
            Stmt::Func(k, body) => {
                if ctx.env.is_some() {
                    // A function in a branch may run elsewhere; keep branches to plain blocks.
                    self.indent(depth);
                    self.text.push('{');
                    self.text.push_str(self.nl);
                    self.list(body, depth + 1, ctx);
                    self.indent(depth);
                    self.text.push('}');
                    self.text.push_str(self.nl);
                    return false;
                }
                let n = self.fresh();
                let (head, open_after) = match k {
                    0 => (format!("function g{n}() {{"), false),
                    1 => (format!("const h{n} = () => {{"), true),
                    2 => (format!("class K{n} {{ m() {{"), false),
                    _ => (format!("async function a{n}(x) {{"), false),
                };
                self.indent(depth);
                self.text.push_str(&head);
                self.text.push_str(self.nl);
                self.list(body, depth + 1, ctx);
                self.indent(depth);
                self.text.push_str(if *k == 2 { "} }" } else { "}" });
                if open_after && self.semicolons {
                    self.text.push(';');
                }
                self.text.push_str(self.nl);
                open_after
            }
            Stmt::Shadow(k, body) => {
                let n = self.fresh();
                let inner = Ctx {
                    shadowed: true,
                    env: ctx.env,
                };
                let semi = if self.semicolons { ";" } else { "" };
                let (head, tail, open_after) = match k {
                    0 => (format!("function s{n}(wx) {{"), "}".to_string(), false),
                    1 => (
                        format!("const s{n} = (wx) => {{"),
                        format!("}}{semi}"),
                        true,
                    ),
                    2 => (
                        "try { t() } catch (wx) {".to_string(),
                        "}".to_string(),
                        false,
                    ),
                    3 => (
                        format!("{{ const wx = {{ login() {{}} }}{semi}"),
                        "}".to_string(),
                        false,
                    ),
                    4 => (
                        format!("function s{n}() {{ var wx = getWx(){semi}"),
                        "}".to_string(),
                        false,
                    ),
                    5 => (format!("class C{n} {{ m(wx) {{"), "} }".to_string(), false),
                    _ => (
                        format!("const s{n} = function wx() {{"),
                        format!("}}{semi}"),
                        true,
                    ),
                };
                self.indent(depth);
                self.text.push_str(&head);
                self.text.push_str(self.nl);
                // After `const wx = ...` or `var wx = ...` without a `;`, the first statement
                // follows an open one.
                let mut open = matches!(k, 3 | 4);
                for s in body {
                    open = self.stmt(s, depth + 1, inner, open);
                }
                self.indent(depth);
                self.text.push_str(&tail);
                self.text.push_str(self.nl);
                open_after
            }
            Stmt::Guard(k, then, other) => {
                let check = match k {
                    0 => "wx.getSystemInfoSync().environment === 'wxwork'",
                    1 => "\"wxwork\" == wx.getSystemInfoSync().environment",
                    2 => "wx.getSystemInfoSync().environment !== \"wxwork\"",
                    3 => "!(wx.getSystemInfoSync().environment === 'wxwork')",
                    4 => "ready && wx.getSystemInfoSync().environment === 'wxwork'",
                    _ => "isWxWork#",
                };
                let check = if *k == 5 {
                    let n = self.fresh();
                    self.indent(depth);
                    self.text.push_str(&format!(
                        "const isWxWork{n} = wx.getSystemInfoSync().environment === 'wxwork'"
                    ));
                    if self.semicolons {
                        self.text.push(';');
                    }
                    self.text.push_str(self.nl);
                    format!("isWxWork{n}")
                } else {
                    check.to_string()
                };
                let (then_env, else_env) = match k {
                    0 | 1 | 5 => (Some(Env::WeCom), Some(Env::WeChat)),
                    2 | 3 => (Some(Env::WeChat), Some(Env::WeCom)),
                    // `ready && isWeCom`: the then branch is WeCom, the else branch either.
                    _ => (Some(Env::WeCom), ctx.env),
                };
                self.indent(depth);
                self.text.push_str(&format!("if ({check}) {{"));
                self.text.push_str(self.nl);
                self.list(
                    then,
                    depth + 1,
                    Ctx {
                        env: then_env,
                        ..ctx
                    },
                );
                self.indent(depth);
                self.text.push_str("} else {");
                self.text.push_str(self.nl);
                self.list(
                    other,
                    depth + 1,
                    Ctx {
                        env: else_env,
                        ..ctx
                    },
                );
                self.indent(depth);
                self.text.push('}');
                self.text.push_str(self.nl);
                false
            }
        }
    }

    fn expect(&self, api: Api, ctx: Ctx) -> Expect {
        let (guard, wecom) = common::forms(self.language);
        let (replace, code) = if ctx.shadowed {
            (None, Some(Code::LocalWx))
        } else {
            match (api, ctx.env) {
                (_, Some(Env::WeChat)) => (None, None),
                (Api::GetUserInfo, _) => (None, Some(Code::GetUserInfo)),
                (Api::Login, Some(Env::WeCom)) => (Some(wecom), Some(Code::LoginRewrite)),
                (Api::CheckSession, Some(Env::WeCom)) => {
                    (Some(wecom), Some(Code::CheckSessionRewrite))
                }
                (Api::Login, None) => (Some(guard), Some(Code::LoginRewrite)),
                (Api::CheckSession, None) => (Some(guard), Some(Code::CheckSessionRewrite)),
            }
        };
        Expect {
            at: 0,
            replace: replace.map(str::to_string),
            code,
        }
    }
}

fn render(p: &Program) -> Writer {
    let mut w = Writer {
        text: String::new(),
        nl: if p.crlf { "\r\n" } else { "\n" },
        semicolons: p.semicolons,
        language: p.language,
        counter: 0,
        sites: Vec::new(),
        notes: Vec::new(),
    };
    if p.bom {
        w.text.push('\u{feff}');
    }
    let lines = |line: &str| line.repeat(NESTING_SCAN_FROM / line.len() + 1);
    match p.pad {
        Some(Pad::CommentLines) => w
            .text
            .push_str(&lines(&format!("// 填充 wx.login(){}", w.nl))),
        Some(Pad::BlankLines) => w.text.push_str(&lines(w.nl)),
        _ => {}
    }
    w.list(
        &p.body,
        0,
        Ctx {
            shadowed: false,
            env: None,
        },
    );
    if let Some(Pad::TrailingComment) = p.pad {
        w.text.push_str("// ");
        w.text.push_str(&"末".repeat(NESTING_SCAN_FROM / 3 + 1));
    }
    w
}

fn check(p: &Program) -> Result<(), TestCaseError> {
    let w = render(p);
    let input = &w.text;
    let language = p.language;
    if let Err(err) = parse(input, language) {
        return Err(TestCaseError::fail(format!(
            "generator bug: the input does not parse ({} at byte {}):\n{input}",
            err.message, err.offset
        )));
    }
    let migration = migrate(input, language, &Guard::standard())
        .map_err(|e| TestCaseError::fail(format!("migrate failed: {e:?}\n{input}")))?;

    // The exact expected output.
    let mut expected = String::new();
    let mut copied = 0;
    for site in &w.sites {
        if let Some(replace) = &site.replace {
            expected.push_str(&input[copied..site.at]);
            expected.push_str(replace);
            copied = site.at + 2;
        }
    }
    expected.push_str(&input[copied..]);
    let output = migration.output.clone().unwrap_or_else(|| input.clone());
    if output != expected {
        let at = common::first_difference(&output, &expected);
        return Err(TestCaseError::fail(format!(
            "output differs from the expected one at byte {at}:\n--- input\n{input}\n--- \
             expected\n{expected}\n--- output\n{output}"
        )));
    }

    // Every expected finding at its place, and nothing else.
    let mut unexpected: Vec<_> = migration.findings.iter().collect();
    for site in &w.sites {
        let Some(code) = site.code else { continue };
        let found = unexpected
            .iter()
            .position(|f| f.code == code && f.range.start <= site.at && site.at < f.range.end);
        match found {
            Some(i) => {
                unexpected.remove(i);
            }
            None => {
                return Err(TestCaseError::fail(format!(
                    "no {code} at byte {} ({:?}); findings: {:?}\n{input}",
                    site.at,
                    &input[site.at..(site.at + 20).min(input.len())],
                    migration.findings
                )))
            }
        }
    }
    for code in &w.notes {
        match unexpected.iter().position(|f| f.code == *code) {
            Some(i) => {
                unexpected.remove(i);
            }
            None => {
                return Err(TestCaseError::fail(format!(
                    "no {code} note; findings: {:?}\n{input}",
                    migration.findings
                )))
            }
        }
    }
    if !unexpected.is_empty() {
        return Err(TestCaseError::fail(format!(
            "unexpected findings: {unexpected:?}\n{input}"
        )));
    }

    // Parses, changes only at the sites (checked again from the findings alone), idempotent.
    common::check_migration(input, language, &migration)
        .map_err(|e| TestCaseError::fail(format!("{e}\n--- input\n{input}\n--- output\n{output}")))
}

fn config() -> Config {
    let mut config = Config::with_cases(64);
    if let Some(cases) = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        config.cases = cases;
    }
    // Failing cases are printed with their shrunk input; keep no files in the tree.
    config.failure_persistence = Some(Box::new(FileFailurePersistence::Off));
    config
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn generated_programs_are_migrated_exactly_at_their_sites(p in program()) {
        check(&p)?;
    }
}

/// The checker in tests/common must itself reject what it is there to catch.
#[test]
fn the_site_checker_rejects_changes_outside_the_sites() {
    let input = "foo()\nwx.login()\n";
    let migration = migrate(input, Language::JavaScript, &Guard::standard()).unwrap();
    let output = migration.output.clone().unwrap();
    assert!(output.contains(";("), "{output}");
    common::check_migration(input, Language::JavaScript, &migration).unwrap();
    let passes = |bad: &str| {
        common::check_only_sites_changed(input, bad, &migration.findings, Language::JavaScript)
            .and_then(|inserted| {
                common::check_replacements_are_expressions(bad, Language::JavaScript, &inserted)
            })
    };
    // A byte changed elsewhere, a dropped `;` (the guard becomes call arguments), an extra
    // byte at the end, the property renamed.
    for bad in [
        output.replacen("foo", "fop", 1),
        output.replacen(";(", "(", 1),
        format!("{output} "),
        output.replacen(".login", ".logon", 1),
    ] {
        assert!(passes(&bad).is_err(), "{bad:?} passed");
    }
    // No findings: nothing may change.
    assert!(common::check_only_sites_changed(input, &output, &[], Language::JavaScript).is_err());
}

/// The checker read only a literal `wx` token, so the fuzz target crashed on the fixture of a
/// `wx` spelt with escapes, which the tool rewrites as it should.
#[test]
fn the_site_checker_accepts_a_wx_spelt_with_escapes() {
    for input in [
        "w\\u0078.login()\n",
        "\\u{77}\\u{78}.checkSession()\n",
        "<!-- legacy\nw\\u0078.login({})\n",
    ] {
        let migration = migrate(input, Language::JavaScript, &Guard::standard()).unwrap();
        assert!(migration.output.is_some(), "{input}");
        common::check_migration(input, Language::JavaScript, &migration).unwrap();
    }
}

/// Each padding carries a program past the nesting scan's size, and the sites still hold.
#[test]
fn padded_programs_reach_past_the_nesting_scan() {
    for pad in [
        None,
        Some(Pad::CommentLines),
        Some(Pad::BlankLines),
        Some(Pad::TrailingComment),
    ] {
        for crlf in [false, true] {
            let p = Program {
                language: Language::JavaScript,
                semicolons: false,
                crlf,
                bom: true,
                pad,
                body: vec![Stmt::Plain(0), Stmt::Site(Api::Login, 0), Stmt::Decoy(2)],
            };
            assert_eq!(
                render(&p).text.len() > NESTING_SCAN_FROM,
                pad.is_some(),
                "{pad:?}"
            );
            check(&p).unwrap();
        }
    }
}
