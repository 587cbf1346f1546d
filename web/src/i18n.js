// The page's own texts in Chinese and English. The tool's findings come from the CLI.

const TEXTS = {
  en: {
    title: 'wxwork-migrate: migrate a WeChat mini-program to WeCom',
    tagline: 'Runs in your browser: your code is never sent anywhere.',
    tabFile: 'Paste code',
    tabProject: 'Whole project',
    fileName: 'File name',
    guardExpr: 'Guard expression (--guard-expr)',
    guardPlaceholder: 'built-in: wx.getSystemInfoSync().environment === "wxwork"',
    copyLink: 'Copy link',
    linkCopied: 'Link copied',
    demo: 'Example',
    source: 'Your code',
    result: 'Migrated',
    findings: 'Findings',
    noFindings: 'Nothing to report.',
    noChange: 'No change: this file already runs in WeCom, or has nothing to migrate.',
    loading: 'Loading the tool…',
    ranIn: (ms) => `ran in ${ms} ms`,
    parseError: 'This file does not parse; the tool leaves it untouched.',
    nesting: 'This file is too deeply nested for the tool in the browser, whose stack is smaller: run the command-line tool on it.',
    crash: 'The tool stopped on this file with an internal error. Please report it with a share link.',
    load: 'The tool could not be loaded. Browsers do not let a page opened from disk (file://) load it: serve the folder, e.g. `python3 -m http.server`.',
    badName: 'Give a relative file name, such as pages/index/index.js.',
    pickFolder: 'Choose a folder',
    openFolder: 'Open a folder to write to',
    dropHere: 'or drop a folder here',
    projectNote: 'The same rules as the command line: .gitignore, node_modules, miniprogram_npm, project.config.json and cloud functions. Files are read in this page only.',
    downloadPatch: 'Download patch',
    writeChanges: 'Write changes',
    confirmWrite: (n) => `Write the changes to ${n} file(s) in the chosen folder? Review the patch first: there is no undo.`,
    written: (n) => `${n} file(s) written. The folder now migrates to nothing.`,
    writeOnlyPatch: 'This browser cannot write to folders: download the patch and apply it with `git apply`.',
    reading: 'Reading the folder and running the tool…',
    docs: 'documentation',
    version: (v) => `tool ${v}`,
    targets: 'WeCom clients (--targets)',
    readiness: 'WeCom readiness',
    tablesOf: (date, clients) => `For WeCom on ${clients}, according to WeCom's support tables of ${date}:`,
    apiTable: 'APIs',
    componentTable: 'components',
    missingOn: (clients) => `missing on ${clients}`,
    listSeparator: ', ',
    moreFiles: (n) => `and ${n} more`,
    nothingUsed: 'No WeChat API or component used.',
    wordingTitle: "What WeCom's table says",
    language: '中文',
    editorPhrases: {},
  },
  zh: {
    title: 'wxwork-migrate：把微信小程序迁移到企业微信',
    tagline: '在你的浏览器里运行：代码不会发送到任何地方。',
    tabFile: '粘贴代码',
    tabProject: '整个项目',
    fileName: '文件名',
    guardExpr: '判断表达式（--guard-expr）',
    guardPlaceholder: '默认：wx.getSystemInfoSync().environment === "wxwork"',
    copyLink: '复制链接',
    linkCopied: '链接已复制',
    demo: '示例',
    source: '你的代码',
    result: '迁移后',
    findings: '检查结果',
    noFindings: '没有需要报告的内容。',
    noChange: '无需改动：此文件已可在企业微信中运行，或没有需要迁移的代码。',
    loading: '正在加载工具…',
    ranIn: (ms) => `用时 ${ms} 毫秒`,
    parseError: '此文件无法解析，工具不会改动它。',
    nesting: '此文件嵌套过深，浏览器中的调用栈较小，无法处理：请用命令行工具处理它。',
    crash: '工具在处理此文件时出现内部错误，请附上分享链接报告此问题。',
    load: '无法加载工具。浏览器不允许从磁盘打开的页面（file://）加载它：请用静态服务器提供此文件夹，例如 `python3 -m http.server`。',
    badName: '请填写相对路径的文件名，例如 pages/index/index.js。',
    pickFolder: '选择文件夹',
    openFolder: '打开可写入的文件夹',
    dropHere: '或把文件夹拖到这里',
    projectNote: '规则与命令行相同：.gitignore、node_modules、miniprogram_npm、project.config.json 和云函数。文件只在本页面中读取。',
    downloadPatch: '下载补丁',
    writeChanges: '写入修改',
    confirmWrite: (n) => `要把修改写入所选文件夹中的 ${n} 个文件吗？请先检查补丁：写入后无法撤销。`,
    written: (n) => `已写入 ${n} 个文件。再次迁移此文件夹不会有任何改动。`,
    writeOnlyPatch: '此浏览器无法写入文件夹：请下载补丁并用 `git apply` 应用。',
    reading: '正在读取文件夹并运行工具…',
    docs: '文档',
    version: (v) => `工具版本 ${v}`,
    targets: '目标客户端（--targets）',
    readiness: '企业微信适配情况',
    tablesOf: (date, clients) => `目标客户端为 ${clients}，依据企业微信 ${date} 的支持表：`,
    apiTable: '接口',
    componentTable: '组件',
    missingOn: (clients) => `${clients} 端不支持`,
    listSeparator: '、',
    moreFiles: (n) => `等另外 ${n} 个文件`,
    nothingUsed: '没有使用微信接口或组件。',
    wordingTitle: '企业微信支持表的原文',
    language: 'English',
    editorPhrases: { '$ unchanged lines': '$ 行未改动' },
  },
};

const STORE = 'wxwork-migrate.lang';

export function initialLanguage() {
  const chosen = localStorage.getItem(STORE);
  if (chosen in TEXTS) return chosen;
  return navigator.languages.some((tag) => tag.toLowerCase().startsWith('zh')) ? 'zh' : 'en';
}

export function rememberLanguage(lang) {
  localStorage.setItem(STORE, lang);
}

export function otherLanguage(lang) {
  return lang === 'zh' ? 'en' : 'zh';
}

/** The text `key` in `lang`; a function text is called with `args`. */
export function t(lang, key, ...args) {
  const text = TEXTS[lang][key];
  return typeof text === 'function' ? text(...args) : text;
}

/** Fills every `data-i18n` element (and `data-i18n-placeholder`, `data-i18n-title`) in `root`. */
export function translate(root, lang) {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.title = t(lang, 'title');
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(lang, el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-placeholder]')) el.placeholder = t(lang, el.dataset.i18nPlaceholder);
}
