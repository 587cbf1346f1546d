//! Where the text of a program is not the order it runs in: the places a variable's initialiser
//! has certainly run, and the places a name may not mean what the scopes say (`with`, `eval`).
//!
//! A check held in a variable narrows only where its initialiser has run; anywhere else it reads
//! `undefined` (a hoisted `var`), which would put WeCom code in the WeChat branch.

use std::collections::HashMap;

use swc_common::{BytePos, Span, Spanned};
use swc_ecma_ast::{
    ArrowExpr, CallExpr, Callee, Constructor, Decl, DefaultDecl, Expr, Function, GetterProp, Id,
    Ident, ModuleDecl, ModuleItem, Program, SetterProp, StaticBlock, Stmt, WithStmt,
};
use swc_ecma_visit::{Visit, VisitWith};

/// The code that certainly runs after a declarator: the rest of the statement list that holds
/// its declaration, except the function declarations of that list that may be called before it
/// (they are hoisted to the list's top).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Initialised {
    /// Where the list starts: code from here to `from` runs before the initialiser has.
    start: BytePos,
    from: BytePos,
    to: BytePos,
    hoisted: Vec<Hoisted>,
}

/// A function declaration, by its whole statement and its name.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Hoisted {
    span: Span,
    name: Option<Id>,
}

fn within(span: Span, at: BytePos) -> bool {
    (span.lo..span.hi).contains(&at)
}

impl Initialised {
    pub fn covers(&self, at: BytePos) -> bool {
        (self.from..self.to).contains(&at) && !self.hoisted.iter().any(|f| within(f.span, at))
    }

    /// Keeps, of the list's function declarations, those that may run before the initialiser:
    /// named by code above it, or by such a function. `references` holds where each name is
    /// used.
    pub fn settle(&mut self, references: &HashMap<Id, Vec<BytePos>>) {
        let early = self.start..self.from;
        let mut pending = std::mem::take(&mut self.hoisted);
        loop {
            let (early_called, rest): (Vec<Hoisted>, Vec<Hoisted>) =
                pending.into_iter().partition(|f| {
                    let uses = f.name.as_ref().and_then(|name| references.get(name));
                    uses.into_iter().flatten().any(|&at| {
                        !within(f.span, at)
                            && (early.contains(&at)
                                || self.hoisted.iter().any(|g| within(g.span, at)))
                    })
                });
            pending = rest;
            if early_called.is_empty() {
                break;
            }
            self.hoisted.extend(early_called);
        }
    }
}

/// A statement list being visited: its end, the `var`/`let`/`const` statements directly in it
/// (only those certainly run when the list goes on), and its function declarations.
#[derive(Default)]
pub struct StatementList {
    start: BytePos,
    end: BytePos,
    declarations: Vec<BytePos>,
    hoisted: Vec<Hoisted>,
}

impl StatementList {
    #[inline]
    pub fn of<'s>(statements: impl Iterator<Item = Statement<'s>>) -> Self {
        let mut list = StatementList::default();
        for (i, statement) in statements.enumerate() {
            let span = statement.span();
            if i == 0 {
                list.start = span.lo;
            }
            match statement.declared() {
                Declared::Variables(at) => list.declarations.push(at),
                Declared::Function(name) => list.hoisted.push(Hoisted { span, name }),
                Declared::Nothing => {}
            }
            list.end = span.hi;
        }
        list
    }

    /// Where a declarator ending at `end` has certainly run, when its declaration (starting at
    /// `declaration`) is directly in this list; `None` when it is nested in a statement that
    /// may not run it (`if (d) var x = ...`, a loop head).
    pub fn initialised(&self, declaration: BytePos, end: BytePos) -> Option<Initialised> {
        self.declarations
            .contains(&declaration)
            .then(|| Initialised {
                start: self.start,
                from: end,
                to: self.end,
                hoisted: self.hoisted.clone(),
            })
    }
}

/// One item of a statement list: a script's or block's statement, or a module's item.
#[derive(Clone, Copy)]
pub enum Statement<'s> {
    Stmt(&'s Stmt),
    ModuleDecl(&'s ModuleDecl),
}

impl<'s> Statement<'s> {
    pub fn of_stmts(stmts: &'s [Stmt]) -> impl Iterator<Item = Statement<'s>> + Clone {
        stmts.iter().map(Statement::Stmt)
    }

    pub fn of_module_items(items: &'s [ModuleItem]) -> impl Iterator<Item = Statement<'s>> + Clone {
        items.iter().map(|item| match item {
            ModuleItem::Stmt(stmt) => Statement::Stmt(stmt),
            ModuleItem::ModuleDecl(decl) => Statement::ModuleDecl(decl),
        })
    }

    /// A function declaration is hoisted: callable before anything above it in its list.
    pub fn is_function_declaration(self) -> bool {
        matches!(self.declared(), Declared::Function(_))
    }

    pub fn span(self) -> Span {
        match self {
            Statement::Stmt(stmt) => stmt.span(),
            Statement::ModuleDecl(decl) => decl.span(),
        }
    }

    fn declared(self) -> Declared {
        match self {
            Statement::Stmt(stmt) => declared(stmt),
            Statement::ModuleDecl(ModuleDecl::ExportDecl(export)) => {
                Declared::of_decl(&export.decl)
            }
            Statement::ModuleDecl(ModuleDecl::ExportDefaultDecl(export)) => match &export.decl {
                DefaultDecl::Fn(f) => Declared::Function(f.ident.as_ref().map(Ident::to_id)),
                _ => Declared::Nothing,
            },
            Statement::ModuleDecl(_) => Declared::Nothing,
        }
    }
}

enum Declared {
    Variables(BytePos),
    /// A function declaration, with its name.
    Function(Option<Id>),
    Nothing,
}

impl Declared {
    fn of_decl(decl: &Decl) -> Declared {
        match decl {
            Decl::Var(var) => Declared::Variables(var.span.lo),
            Decl::Fn(f) => Declared::Function(Some(f.ident.to_id())),
            _ => Declared::Nothing,
        }
    }
}

/// What a statement declares; a label does not hide a function declaration, which is hoisted
/// all the same.
fn declared(stmt: &Stmt) -> Declared {
    match stmt {
        Stmt::Decl(decl) => Declared::of_decl(decl),
        Stmt::Labeled(labeled) => match declared(&labeled.body) {
            Declared::Function(name) => Declared::Function(name),
            _ => Declared::Nothing,
        },
        _ => Declared::Nothing,
    }
}

/// Why a `wx` that no scope declares may still not be the global.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Obscured {
    /// Inside `with (obj) { ... }`: `wx` is `obj.wx` when `obj` has one.
    With,
    /// In a function (or script) that calls `eval(...)` directly, which can declare a `wx`.
    Eval,
}

/// The `with` bodies and the scopes of direct `eval` calls in a program.
#[derive(Debug, Default)]
pub struct Obscurities {
    with_bodies: Vec<Span>,
    eval_scopes: Vec<Span>,
}

impl Obscurities {
    pub fn of(program: &Program) -> Self {
        let mut finder = ObscurityFinder {
            scopes: vec![program.span()],
            found: Obscurities::default(),
        };
        program.visit_with(&mut finder);
        finder.found
    }

    /// Whether a name at `at` may mean something other than its scope says.
    pub fn at(&self, at: BytePos) -> Option<Obscured> {
        let within = |spans: &[Span]| spans.iter().any(|s| (s.lo..s.hi).contains(&at));
        if within(&self.with_bodies) {
            Some(Obscured::With)
        } else if within(&self.eval_scopes) {
            Some(Obscured::Eval)
        } else {
            None
        }
    }

    /// Whether a direct `eval` anywhere could reassign or shadow a variable holding a check.
    pub fn has_eval(&self) -> bool {
        !self.eval_scopes.is_empty()
    }
}

struct ObscurityFinder {
    /// The functions being visited, innermost last: a direct `eval` declares in the innermost.
    scopes: Vec<Span>,
    found: Obscurities,
}

impl ObscurityFinder {
    fn scope<N: VisitWith<Self> + ?Sized>(&mut self, span: Span, node: &N) {
        self.scopes.push(span);
        node.visit_children_with(self);
        self.scopes.pop();
    }
}

impl Visit for ObscurityFinder {
    fn visit_with_stmt(&mut self, stmt: &WithStmt) {
        self.found.with_bodies.push(stmt.body.span());
        stmt.visit_children_with(self);
    }

    fn visit_call_expr(&mut self, call: &CallExpr) {
        if let Callee::Expr(callee) = &call.callee {
            if matches!(super::syntax::unparen(callee), Expr::Ident(i) if i.sym == "eval") {
                self.found.eval_scopes.extend(self.scopes.last().copied());
            }
        }
        call.visit_children_with(self);
    }

    fn visit_function(&mut self, node: &Function) {
        self.scope(node.span, node);
    }

    fn visit_arrow_expr(&mut self, node: &ArrowExpr) {
        self.scope(node.span, node);
    }

    fn visit_constructor(&mut self, node: &Constructor) {
        self.scope(node.span, node);
    }

    fn visit_getter_prop(&mut self, node: &GetterProp) {
        self.scope(node.span, node);
    }

    fn visit_setter_prop(&mut self, node: &SetterProp) {
        self.scope(node.span, node);
    }

    fn visit_static_block(&mut self, node: &StaticBlock) {
        self.scope(node.span, node);
    }
}
