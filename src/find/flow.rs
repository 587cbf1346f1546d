//! Control flow in statement lists: where a statement starts that a semicolon-free file could
//! run into the one before, and where an early `return` leaves the rest of a list to one runtime.

use std::ops::Range;

use swc_common::Spanned;
use swc_ecma_ast::{Decl, Expr, IfStmt, ModuleDecl, Stmt};
use swc_ecma_visit::VisitWith;

use super::certainty::Statement;
use super::detect::detected_when;
use super::finder::Finder;
use super::guard::env_when;
use crate::parse::offset_of;

impl Finder<'_> {
    /// Visits a list of statements, tracking which of them follow an open statement and which
    /// run only in one runtime because an earlier `if` returned early.
    pub(super) fn visit_statement_list<'s>(
        &mut self,
        statements: impl Iterator<Item = Statement<'s>>,
    ) {
        let outer = self.env;
        let outer_detected = self.detected.len();
        let mut previous: Option<Statement> = None;
        for statement in statements {
            if let (Some(prev), Statement::Stmt(Stmt::Expr(expr))) = (previous, statement) {
                let start = expr.expr.span().lo;
                // Text between the two statements that the tree does not hold (swc accepts a
                // stray decorator there, for one) may end in something a `(` would call.
                let gap = offset_of(prev.span().hi)..offset_of(start);
                if !self.closes_statement(prev) || !self.only_trivia(gap) {
                    self.open_statement_starts.insert(start);
                }
            }
            // A function declaration is hoisted: callable before any early return above it.
            let narrowed = self.env;
            let mut narrowed_detected = Vec::new();
            if statement.is_function_declaration() {
                self.env = outer;
                narrowed_detected = self.detected.split_off(outer_detected);
            }
            match statement {
                Statement::Stmt(stmt) => stmt.visit_with(self),
                Statement::ModuleDecl(decl) => decl.visit_with(self),
            }
            self.env = narrowed;
            self.detected.append(&mut narrowed_detected);
            if let Statement::Stmt(Stmt::If(if_stmt)) = statement {
                if let Some(truthy) = test_after(if_stmt) {
                    if let Some(env) = env_when(&if_stmt.test, truthy, self.bindings) {
                        self.env = Some(env);
                    }
                    self.detect(&if_stmt.test, truthy);
                }
            }
            previous = Some(statement);
        }
        self.env = outer;
        self.detected.truncate(outer_detected);
    }

    /// Adds the APIs that `test` evaluating to `truthy` proves present.
    fn detect(&mut self, test: &Expr, truthy: bool) {
        let mut probes = Vec::new();
        detected_when(test, truthy, self.bindings, &mut probes);
        self.detected
            .extend(probes.into_iter().map(|probe| probe.api));
    }

    /// Whether `range` of the source holds only white space and comments.
    fn only_trivia(&self, range: Range<usize>) -> bool {
        let Some(bytes) = self.source.get(range) else {
            return false;
        };
        let mut i = 0;
        while i < bytes.len() {
            let rest = &bytes[i..];
            if rest[0].is_ascii_whitespace() || rest[0] == 0x0b {
                i += 1;
            } else if rest.starts_with(b"//") {
                i += memchr::memchr(b'\n', rest).unwrap_or(rest.len());
            } else if rest.starts_with(b"/*") {
                match memchr::memmem::find(&rest[2..], b"*/") {
                    Some(end) => i += end + 4,
                    None => return false,
                }
            } else if let Some(space) = ["\u{feff}", "\u{a0}", "\u{2028}", "\u{2029}"]
                .iter()
                .find(|space| rest.starts_with(space.as_bytes()))
            {
                i += space.len();
            } else {
                return false;
            }
        }
        true
    }

    /// Whether a statement's text ends so that a following `(` cannot continue it: with `;`, or
    /// with the `}` of a block that ends a statement (not of an object or function expression).
    fn closes_statement(&self, statement: Statement) -> bool {
        let end = offset_of(statement.span().hi);
        match end.checked_sub(1).map(|i| self.source[i]) {
            Some(b';') => true,
            Some(b'}') => match statement {
                Statement::Stmt(stmt) => ends_with_block(stmt),
                Statement::ModuleDecl(ModuleDecl::ExportDecl(export)) => {
                    decl_ends_with_block(&export.decl)
                }
                Statement::ModuleDecl(ModuleDecl::ExportDefaultDecl(_)) => true,
                Statement::ModuleDecl(_) => false,
            },
            _ => false,
        }
    }

    /// Visits `node` as code that runs only when `test` evaluates to `truthy`.
    pub(super) fn visit_branch<N: VisitWith<Self> + ?Sized>(
        &mut self,
        test: &Expr,
        truthy: bool,
        node: &N,
    ) {
        let outer = self.env;
        let outer_detected = self.detected.len();
        self.env = env_when(test, truthy, self.bindings).or(outer);
        self.detect(test, truthy);
        node.visit_with(self);
        self.env = outer;
        self.detected.truncate(outer_detected);
    }
}

/// What `if (test) ...` evaluated to in code after it, when one branch always leaves.
fn test_after(stmt: &IfStmt) -> Option<bool> {
    let cons_exits = always_exits(&stmt.cons);
    let alt_exits = stmt.alt.as_deref().is_some_and(always_exits);
    match (cons_exits, alt_exits) {
        (true, false) => Some(false),
        (false, true) => Some(true),
        _ => None,
    }
}

/// Statements whose last token is the `}` of their own block.
fn ends_with_block(stmt: &Stmt) -> bool {
    match stmt {
        Stmt::Block(_) | Stmt::Try(_) | Stmt::Switch(_) => true,
        Stmt::Decl(decl) => decl_ends_with_block(decl),
        Stmt::If(s) => ends_with_block(s.alt.as_deref().unwrap_or(&s.cons)),
        Stmt::While(s) => ends_with_block(&s.body),
        Stmt::For(s) => ends_with_block(&s.body),
        Stmt::ForIn(s) => ends_with_block(&s.body),
        Stmt::ForOf(s) => ends_with_block(&s.body),
        Stmt::Labeled(s) => ends_with_block(&s.body),
        Stmt::With(s) => ends_with_block(&s.body),
        _ => false,
    }
}

fn decl_ends_with_block(decl: &Decl) -> bool {
    match decl {
        Decl::Fn(f) => f.function.body.is_some(),
        Decl::Class(_) | Decl::TsInterface(_) | Decl::TsEnum(_) => true,
        Decl::TsModule(m) => m.body.is_some(),
        _ => false,
    }
}

/// Statements after which the rest of the enclosing list does not run.
fn always_exits(stmt: &Stmt) -> bool {
    match stmt {
        Stmt::Return(_) | Stmt::Throw(_) | Stmt::Break(_) | Stmt::Continue(_) => true,
        Stmt::Block(block) => block.stmts.iter().any(always_exits),
        // `alt` first: without an `else` the answer is known without descending.
        Stmt::If(s) => s.alt.as_deref().is_some_and(always_exits) && always_exits(&s.cons),
        _ => false,
    }
}
