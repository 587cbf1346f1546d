// jscodeshift's side of the benchmark (scripts/bench.sh): the same rewrite as wxwork-migrate.
// Every read of the global wx's login / checkSession gets its `wx` replaced by the run-time
// choice of wx or wx.qy; wx.getUserInfo is reported. A `wx` bound in an enclosing scope is left
// alone, as the tool does; existing WeCom checks are not recognised (less work than the tool).
const REWRITE = new Set(['login', 'checkSession']);

module.exports = function transform(file, api) {
  const j = api.jscodeshift;
  const root = j(file.source);
  let changed = false;
  root
    .find(j.MemberExpression, { object: { type: 'Identifier', name: 'wx' }, computed: false })
    .filter((path) => !path.scope || !path.scope.lookup('wx'))
    .forEach((path) => {
      const name = path.node.property.name;
      if (name === 'getUserInfo') {
        api.report(`${file.path}: wx.getUserInfo does not exist in WeCom`);
      }
      if (!REWRITE.has(name)) return;
      const environment = j.memberExpression(
        j.callExpression(j.memberExpression(j.identifier('wx'), j.identifier('getSystemInfoSync')), []),
        j.identifier('environment'),
      );
      path.node.object = j.conditionalExpression(
        j.binaryExpression('===', environment, j.stringLiteral('wxwork')),
        j.memberExpression(j.identifier('wx'), j.identifier('qy')),
        j.identifier('wx'),
      );
      changed = true;
    });
  return changed ? root.toSource() : undefined;
};
