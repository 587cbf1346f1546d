//! The code shown by `wxwork-migrate explain`: the same in every language.

use super::Code;

/// `None` where no input shows the finding (an internal error).
pub fn example(code: Code) -> Option<&'static str> {
    let text = match code {
        Code::LoginRewrite => {
            "wx.login({ success: onCode })\n\
             // becomes\n\
             (wx.getSystemInfoSync().environment === \"wxwork\" ? wx.qy : wx).login({ success: onCode })"
        }
        Code::CheckSessionRewrite => {
            "wx.checkSession({ fail: relogin })\n\
             // becomes\n\
             (wx.getSystemInfoSync().environment === \"wxwork\" ? wx.qy : wx).checkSession({ fail: relogin })"
        }
        Code::GetUserInfo => {
            "wx.getUserInfo({ success: (res) => this.setData({ user: res.userInfo }) })\n\
             <button open-type=\"getUserInfo\" bindgetuserinfo=\"onUser\">登录</button>"
        }
        Code::PromiseStyle => "const { code } = await wx.login()",
        Code::DynamicOpenType => "<button open-type=\"{{ canIUse ? 'getUserInfo' : '' }}\">授权</button>",
        Code::LocalWx => "function init(wx) {\n  wx.login({})   // this wx is the parameter\n}",
        Code::Write => "wx.login = mockLogin",
        Code::Destructure => "const { login } = wx\nlogin({ success: onCode })",
        Code::Alias => "const api = wx\napi.login({ success: onCode })",
        Code::DynamicKey => "wx[name]({ success: onCode })",
        Code::Skipped => "dist/vendor.min.js   // 6 MB of bundled code",
        Code::UnusedSuppression => "// wxwork-migrate-ignore WX201\nconst ready = true",
        Code::SkippedWithSites => "// 40,000 nested levels of a generated table, then\nwx.login({ success: onCode })",
        Code::EscapedWx => "const api = typeof wx !== 'undefined' ? wx : my\napi.login({ success: onCode })",
        Code::ObscuredWx => "with (sdk) {\n  wx.login({ success: onCode })\n}",
        Code::BadSuppression => "// wxwork-migrate-ignore WX10l\nwx.login({ success: onCode })",
        Code::CodeExchange => {
            "https.get(`https://api.weixin.qq.com/sns/jscode2session?appid=${appid}&js_code=${code}`)"
        }
        Code::FrameworkWrapper => "Taro.login().then(({ code }) => exchange(code))   // from standard input",
        Code::FrameworkShape => {
            "wepy.login({\n  success(res) {\n    this.globalData.code = res.code   // `this` is WePY's app\n  }\n})"
        }
        Code::ParseError => "wx.login({ success: (res) => { }",
        Code::ReadError => "pages/index/index.js   // saved as GBK, not UTF-8",
        Code::InternalError => return None,
        Code::WriteError => "pages/index/index.js   // in a read-only folder",
        Code::SystemInfoRewrite => {
            "const { wifiEnabled } = wx.getSystemSetting()\n\
             // becomes\n\
             const { wifiEnabled } = wx[wx.getSystemInfoSync().environment === \"wxwork\" ? \"getSystemInfoSync\" : \"getSystemSetting\"]()"
        }
        Code::UnsupportedApi => "const { windowWidth } = wx.getWindowInfo()",
        Code::MissingOnClients => "wx.getSystemInfoAsync({ success: onInfo })   // mobile only",
        Code::UnsupportedComponent => "<share-element key=\"cover\" transform>",
        Code::ConditionalCompilation => {
            "// #ifdef MP-WEIXIN\n\
             wx.login({ success: onCode })\n\
             // (no #endif)"
        }
    };
    Some(text)
}
