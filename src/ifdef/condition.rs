//! The condition of an `#ifdef` or `#ifndef`, evaluated as uni-app evaluates it for the WeChat
//! (`mp-weixin`) build.
//!
//! uni-app compiles the condition, every `-` made `_`, into `with (context) { return (...) }`
//! and calls it (`getTestTemplate` and `testPasses` in
//! `packages/uni-cli-shared/lib/preprocess/lib/preprocess.js`); a name the context lacks throws a
//! `ReferenceError`, which `testPasses` catches: the whole condition is then false, even where
//! an `||` after that name would have been true. The context for `mp-weixin`, from
//! dcloudio/uni-app:
//!
//! - Vue 3, `initScopedPreContext` in `packages/uni-cli-shared/src/preprocess/context.ts` on
//!   `uni-app-vue3-release` (commit 420b264ba745e27d38bb6c85ca836dd97cb01431): every key of
//!   `DEFAULT_KEYS` false, then `MP_WEIXIN` (the platform), `MP` (every `mp-` platform) and
//!   `VUE3` true; `WEB` only for `h5`, `APP`/`APP_PLUS` only for `app`, `UNI_APP_X` only for
//!   uni-app x (`.uvue`, which the tool does not read);
//! - Vue 2, `initPreprocess` in `packages/uni-cli-shared/lib/preprocess.js` on
//!   `uni-app-vue2-release` (commit 9f261505603848d9e59274f1154b53319e46a5a0): the installed
//!   platforms and its `DEFAULT_KEYS` false, then `MP_WEIXIN`, `MP` and `VUE2` true (`VUE3`
//!   instead when `manifest.json`'s `vueVersion` is 3, `packages/vue-cli-plugin-uni/lib/env.js`);
//! - both: `uniVersion`, the compiler's version as a number (`parseFloat`, or 0), which the tool
//!   cannot know from the sources.
//!
//! The keys below are Vue 3's list, which holds Vue 2's and every platform either installs, so
//! a Vue 2 project is read as HBuilderX builds it, with every platform installed. A project's
//! own keys (`define` of a custom platform in `package.json`'s `uni-app.scripts`) exist only when
//! that platform is built: in the plain `mp-weixin` build they throw, as here.

use crate::manifest::VueVersion;

/// Whether uni-app keeps the code after a condition.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Truth {
    Known(bool),
    /// True for some versions of uni-app's compiler and false for others.
    DependsOnCompiler,
}

/// A condition outside what the tool evaluates: platform names and `true`/`false`, `uniVersion`
/// and numbers, `!`, `&&`, `||`, `&`, `|`, `^`, comparisons and parentheses. uni-app would run
/// any JavaScript there, and compiles a file whose condition is not JavaScript without its
/// conditional compilation at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Unevaluable;

/// Every key uni-app's context defines, with `-` written `_` as uni-app normalises them.
const KEYS: [&str; 31] = [
    "UNI_APP_X",
    "APP",
    "APP_UVUE",
    "APP_NVUE",
    "APP_PLUS",
    "APP_PLUS_NVUE",
    "APP_VUE",
    "APP_ANDROID",
    "APP_IOS",
    "APP_HARMONY",
    "H5",
    "MP",
    "MP_360",
    "MP_ALIPAY",
    "MP_BAIDU",
    "MP_HARMONY",
    "MP_QQ",
    "MP_LARK",
    "MP_TOUTIAO",
    "MP_WEIXIN",
    "MP_KUAISHOU",
    "MP_JD",
    "MP_XHS",
    "QUICKAPP_NATIVE",
    "QUICKAPP_WEBVIEW",
    "QUICKAPP_WEBVIEW_HUAWEI",
    "QUICKAPP_WEBVIEW_UNION",
    "VUE2",
    "VUE3",
    "WEB",
    "VUE3_VAPOR",
];

const UNI_VERSION: &str = "uniVersion";

/// Whether the WeChat build of a project on `vue` keeps the code after `#ifdef condition`.
pub fn evaluate(condition: &str, vue: VueVersion) -> Result<Truth, Unevaluable> {
    // uni-app's `test || 'true'`: an empty condition holds.
    let source = if condition.trim().is_empty() {
        "true".to_string()
    } else {
        condition.replace('-', "_")
    };
    let expr = Parser::new(&source)?.whole()?;
    let mut numbers = Vec::new();
    if !expr.versions(&mut numbers) {
        return Ok(Truth::Known(expr.passes(vue, 0.0)));
    }
    // A comparison with a number changes only at that number: one version at each and one
    // between each two (and past the last) decide every outcome there is.
    numbers.extend([0.0, 1.0]);
    numbers.retain(|n| *n >= 0.0);
    numbers.sort_by(f64::total_cmp);
    numbers.dedup();
    let between = numbers.windows(2).map(|pair| (pair[0] + pair[1]) / 2.0);
    let past = numbers.last().map(|n| n + 1.0);
    let versions: Vec<f64> = numbers.iter().copied().chain(between).chain(past).collect();
    let first = expr.passes(vue, versions[0]);
    if versions
        .iter()
        .all(|&version| expr.passes(vue, version) == first)
    {
        Ok(Truth::Known(first))
    } else {
        Ok(Truth::DependsOnCompiler)
    }
}

fn defined(name: &str, vue: VueVersion) -> Option<bool> {
    KEYS.contains(&name).then(|| match name {
        "MP_WEIXIN" | "MP" => true,
        "VUE2" => vue == VueVersion::Vue2,
        "VUE3" => vue == VueVersion::Vue3,
        _ => false,
    })
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Value {
    Bool(bool),
    Number(f64),
}

impl Value {
    fn truthy(self) -> bool {
        match self {
            Value::Bool(b) => b,
            Value::Number(n) => n != 0.0 && !n.is_nan(),
        }
    }

    fn number(self) -> f64 {
        match self {
            Value::Bool(b) => f64::from(u8::from(b)),
            Value::Number(n) => n,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Op {
    Or,
    And,
    /// `|`, `^`, `&`: easily written for `||` and `&&`, and JavaScript all the same.
    Bitwise(Bitwise),
    Compare(Comparison),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Bitwise {
    Or,
    Xor,
    And,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Comparison {
    Equal,
    NotEqual,
    StrictEqual,
    StrictNotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}

#[derive(Debug)]
enum Expr {
    Name(String),
    Value(Value),
    Not(Box<Expr>),
    Binary(Op, Box<Expr>, Box<Expr>),
}

/// JavaScript threw: a name outside the context.
struct ReferenceError;

impl Expr {
    /// `testPasses`: the value's truthiness, false where it throws.
    fn passes(&self, vue: VueVersion, version: f64) -> bool {
        self.value(vue, version).is_ok_and(Value::truthy)
    }

    fn value(&self, vue: VueVersion, version: f64) -> Result<Value, ReferenceError> {
        Ok(match self {
            Expr::Name(name) if name == UNI_VERSION => Value::Number(version),
            Expr::Name(name) => Value::Bool(defined(name, vue).ok_or(ReferenceError)?),
            Expr::Value(value) => *value,
            Expr::Not(operand) => Value::Bool(!operand.value(vue, version)?.truthy()),
            Expr::Binary(Op::Or, left, right) => {
                let left = left.value(vue, version)?;
                if left.truthy() {
                    left
                } else {
                    right.value(vue, version)?
                }
            }
            Expr::Binary(Op::And, left, right) => {
                let left = left.value(vue, version)?;
                if left.truthy() {
                    right.value(vue, version)?
                } else {
                    left
                }
            }
            Expr::Binary(Op::Bitwise(op), left, right) => {
                let (left, right) = (left.value(vue, version)?, right.value(vue, version)?);
                let (l, r) = (int32(left.number()), int32(right.number()));
                Value::Number(f64::from(match op {
                    Bitwise::Or => l | r,
                    Bitwise::Xor => l ^ r,
                    Bitwise::And => l & r,
                }))
            }
            Expr::Binary(Op::Compare(comparison), left, right) => Value::Bool(compare(
                *comparison,
                left.value(vue, version)?,
                right.value(vue, version)?,
            )),
        })
    }

    /// Whether the expression reads `uniVersion`; collects the numbers it holds.
    fn versions(&self, numbers: &mut Vec<f64>) -> bool {
        match self {
            Expr::Name(name) => name == UNI_VERSION,
            Expr::Value(Value::Number(n)) => {
                numbers.push(*n);
                false
            }
            Expr::Value(Value::Bool(_)) => false,
            Expr::Not(operand) => operand.versions(numbers),
            Expr::Binary(_, left, right) => left.versions(numbers) | right.versions(numbers),
        }
    }
}

/// JavaScript's `ToInt32`, for the numbers a condition holds (versions, 0 and 1).
fn int32(n: f64) -> i32 {
    if n.is_finite() {
        (n.trunc() as i64) as i32
    } else {
        0
    }
}

/// JavaScript's comparisons of booleans and numbers.
fn compare(comparison: Comparison, left: Value, right: Value) -> bool {
    let same_type = matches!(
        (left, right),
        (Value::Bool(_), Value::Bool(_)) | (Value::Number(_), Value::Number(_))
    );
    let (l, r) = (left.number(), right.number());
    match comparison {
        Comparison::Equal => l == r,
        Comparison::NotEqual => l != r,
        Comparison::StrictEqual => same_type && l == r,
        Comparison::StrictNotEqual => !(same_type && l == r),
        Comparison::Less => l < r,
        Comparison::LessOrEqual => l <= r,
        Comparison::Greater => l > r,
        Comparison::GreaterOrEqual => l >= r,
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Token {
    Name(String),
    Number(f64),
    Not,
    Op(Op),
    Open,
    Close,
}

/// A recursive-descent parser with JavaScript's precedence: `!`, then `<` `<=` `>` `>=`, then
/// `==` `!=` `===` `!==`, then `&`, `^`, `|`, `&&` and `||`.
struct Parser {
    tokens: Vec<Token>,
    at: usize,
}

impl Parser {
    fn new(source: &str) -> Result<Parser, Unevaluable> {
        Ok(Parser {
            tokens: tokens(source)?,
            at: 0,
        })
    }

    fn whole(mut self) -> Result<Expr, Unevaluable> {
        let expr = self.binary(0)?;
        if self.at == self.tokens.len() {
            Ok(expr)
        } else {
            Err(Unevaluable)
        }
    }

    /// The operators of each level, loosest first.
    const LEVELS: [&'static [Op]; 7] = [
        &[Op::Or],
        &[Op::And],
        &[Op::Bitwise(Bitwise::Or)],
        &[Op::Bitwise(Bitwise::Xor)],
        &[Op::Bitwise(Bitwise::And)],
        &[
            Op::Compare(Comparison::Equal),
            Op::Compare(Comparison::NotEqual),
            Op::Compare(Comparison::StrictEqual),
            Op::Compare(Comparison::StrictNotEqual),
        ],
        &[
            Op::Compare(Comparison::Less),
            Op::Compare(Comparison::LessOrEqual),
            Op::Compare(Comparison::Greater),
            Op::Compare(Comparison::GreaterOrEqual),
        ],
    ];

    fn binary(&mut self, level: usize) -> Result<Expr, Unevaluable> {
        let Some(ops) = Self::LEVELS.get(level) else {
            return self.unary();
        };
        let mut left = self.binary(level + 1)?;
        while let Some(Token::Op(op)) = self.tokens.get(self.at) {
            let op = *op;
            if !ops.contains(&op) {
                break;
            }
            self.at += 1;
            let right = self.binary(level + 1)?;
            left = Expr::Binary(op, Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn unary(&mut self) -> Result<Expr, Unevaluable> {
        let token = self.tokens.get(self.at).cloned().ok_or(Unevaluable)?;
        self.at += 1;
        match token {
            Token::Not => Ok(Expr::Not(Box::new(self.unary()?))),
            Token::Name(name) if name == "true" || name == "false" => {
                Ok(Expr::Value(Value::Bool(name == "true")))
            }
            Token::Name(name) => Ok(Expr::Name(name)),
            Token::Number(n) => Ok(Expr::Value(Value::Number(n))),
            Token::Open => {
                let inner = self.binary(0)?;
                if self.tokens.get(self.at) != Some(&Token::Close) {
                    return Err(Unevaluable);
                }
                self.at += 1;
                Ok(inner)
            }
            Token::Op(_) | Token::Close => Err(Unevaluable),
        }
    }
}

fn tokens(source: &str) -> Result<Vec<Token>, Unevaluable> {
    let bytes = source.as_bytes();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let rest = &source[i..];
        let b = bytes[i];
        if b.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let name_len = rest
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'$'))
            .count();
        if b.is_ascii_digit() || b == b'.' {
            let len = rest
                .bytes()
                .take_while(|b| b.is_ascii_digit() || *b == b'.')
                .count();
            // One number has at most one `.`: `3.9.0` is two, which JavaScript rejects.
            let number = rest[..len].parse::<f64>().map_err(|_| Unevaluable)?;
            tokens.push(Token::Number(number));
            i += len;
            continue;
        }
        if name_len > 0 {
            tokens.push(Token::Name(rest[..name_len].to_string()));
            i += name_len;
            continue;
        }
        let operators: [(&str, Token); 16] = [
            ("===", Token::Op(Op::Compare(Comparison::StrictEqual))),
            ("!==", Token::Op(Op::Compare(Comparison::StrictNotEqual))),
            ("==", Token::Op(Op::Compare(Comparison::Equal))),
            ("!=", Token::Op(Op::Compare(Comparison::NotEqual))),
            ("<=", Token::Op(Op::Compare(Comparison::LessOrEqual))),
            (">=", Token::Op(Op::Compare(Comparison::GreaterOrEqual))),
            ("||", Token::Op(Op::Or)),
            ("&&", Token::Op(Op::And)),
            ("|", Token::Op(Op::Bitwise(Bitwise::Or))),
            ("^", Token::Op(Op::Bitwise(Bitwise::Xor))),
            ("&", Token::Op(Op::Bitwise(Bitwise::And))),
            ("<", Token::Op(Op::Compare(Comparison::Less))),
            (">", Token::Op(Op::Compare(Comparison::Greater))),
            ("!", Token::Not),
            ("(", Token::Open),
            (")", Token::Close),
        ];
        let (spelling, token) = operators
            .into_iter()
            .find(|(spelling, _)| rest.starts_with(spelling))
            .ok_or(Unevaluable)?;
        tokens.push(token);
        i += spelling.len();
    }
    Ok(tokens)
}
