use super::*;

/// Each finding as `CODE text-of-range`.
fn found(text: &str) -> Vec<String> {
    scan(text, Clients::ALL)
        .iter()
        .map(|f| format!("{} {}", f.code, &text[f.range.clone()]))
        .collect()
}

const BUTTON: &str = "WX201 open-type=\"getUserInfo\"";

#[test]
fn open_type_get_user_info_in_either_quote_style() {
    assert_eq!(
        found(r#"<button open-type="getUserInfo">Log in</button>"#),
        [BUTTON]
    );
    assert_eq!(
        found("<button open-type='getUserInfo'>Log in</button>"),
        ["WX201 open-type='getUserInfo'"]
    );
    assert_eq!(
        found("<button open-type = \n 'getUserInfo'/>"),
        ["WX201 open-type = \n 'getUserInfo'"]
    );
    // Unquoted, and on a custom component or any other element.
    assert_eq!(
        found("<button open-type=getUserInfo>x</button><van-button open-type=\"getUserInfo\"/>"),
        ["WX201 open-type=getUserInfo", BUTTON]
    );
}

#[test]
fn the_range_is_the_attribute_and_the_message_says_what_to_do() {
    let text = "<view>\n  <button class=\"a\" open-type=\"getUserInfo\">x</button>";
    let findings = scan(text, Clients::ALL);
    assert_eq!(findings.len(), 1);
    let start = text.find("open-type").unwrap();
    assert_eq!(
        findings[0].range,
        start..start + "open-type=\"getUserInfo\"".len()
    );
    assert_eq!(findings[0].code, Code::GetUserInfo);
    assert!(findings[0].message.contains("wx.qy.getEnterpriseUserInfo"));
    assert!(findings[0].edits.is_empty());
}

#[test]
fn other_open_types_and_other_cases_are_not_reported() {
    for text in [
        r#"<button open-type="getPhoneNumber" bindgetphonenumber="onPhone">x</button>"#,
        r#"<button open-type="getUserProfile">x</button>"#,
        r#"<button open-type="getuserinfo">x</button>"#,
        r#"<button OPEN-TYPE="getUserInfo">x</button>"#,
        r#"<button open-type=" getUserInfo">x</button>"#,
        r#"<button data-open-type="getUserInfo" bindGetUserInfo="x">x</button>"#,
        r#"<button open-type>x</button><button open-type="">y</button>"#,
        r#"<button bindtap="getUserInfo" data-x="bindgetuserinfo">x</button>"#,
        r#"<text>open-type="getUserInfo" bindgetuserinfo="x"</text>"#,
        r#"<text>{{ 'open-type="getUserInfo"' }}</text>"#,
    ] {
        assert_eq!(found(text), Vec::<String>::new(), "{text}");
    }
}

#[test]
fn vue_bound_open_types() {
    let codes = |text: &str| {
        scan(text, Clients::ALL)
            .iter()
            .map(|f| f.code)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        codes(r#"<button :open-type="type">x</button>"#),
        [Code::DynamicOpenType]
    );
    assert_eq!(
        codes(r#"<button v-bind:open-type="'getUserInfo'">x</button>"#),
        [Code::GetUserInfo]
    );
    assert!(codes(r#"<navigator :open-type="kind">x</navigator>"#).is_empty());
}

#[test]
fn every_binding_form_of_the_event_is_reported_with_its_handler() {
    for name in [
        "bindgetuserinfo",
        "bind:getuserinfo",
        "catchgetuserinfo",
        "catch:getuserinfo",
        "mut-bind:getuserinfo",
        "capture-bind:getuserinfo",
        "capture-catch:getuserinfo",
        "@getuserinfo",
        "v-on:getuserinfo",
        "@getuserinfo.stop",
        "@getuserinfo.once",
        "v-on:getuserinfo.stop.prevent",
    ] {
        let text = format!("<button {name}=\"onGetUserInfo\">x</button>");
        let findings = scan(&text, Clients::ALL);
        assert_eq!(findings.len(), 1, "{text}");
        assert_eq!(findings[0].code, Code::GetUserInfo);
        assert_eq!(
            &text[findings[0].range.clone()],
            format!("{name}=\"onGetUserInfo\"")
        );
        assert!(
            findings[0]
                .message
                .contains(&format!("`{name}` handler onGetUserInfo")),
            "{}",
            findings[0].message
        );
    }
}

#[test]
fn handler_messages_stay_on_one_line() {
    let findings = scan(
        "<button bindgetuserinfo=\"{{ ok ?\n 'a' : 'b' }}\" catchgetuserinfo/>",
        Clients::ALL,
    );
    assert_eq!(findings.len(), 2);
    assert!(findings[0]
        .message
        .contains("handler {{ ok ? 'a' : 'b' }}:"));
    assert!(findings[1].message.contains("handler (none):"));
}

#[test]
fn a_button_and_its_handler_are_two_findings_in_order() {
    assert_eq!(
        found(r#"<button bindgetuserinfo="onUser" open-type="getUserInfo">x</button>"#),
        ["WX201 bindgetuserinfo=\"onUser\"", BUTTON]
    );
}

#[test]
fn a_dynamic_open_type_gets_a_note() {
    let text = r#"<button open-type="{{ canIUse ? 'getUserInfo' : '' }}">x</button>"#;
    let findings = scan(text, Clients::ALL);
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].code, Code::DynamicOpenType);
    assert_eq!(
        findings[0].code.severity(),
        crate::diagnostic::Severity::Note
    );
    assert!(findings[0].message.starts_with("dynamic open-type, review"));
    assert_eq!(
        &text[findings[0].range.clone()],
        r#"open-type="{{ canIUse ? 'getUserInfo' : '' }}""#
    );
    assert_eq!(
        found("<van-button open-type='prefix{{type}}' /><x open-type={{t}}/>"),
        ["WX204 open-type='prefix{{type}}'", "WX204 open-type={{t}}"]
    );
    // A navigator's open-type is a navigation kind, never getUserInfo.
    assert_eq!(
        found(r#"<navigator open-type="{{ mode }}" url="/a">x</navigator>"#),
        Vec::<String>::new()
    );
}

#[test]
fn comments_hide_what_they_contain() {
    let text = "<!-- <button open-type=\"getUserInfo\" bindgetuserinfo=\"a\">old</button> -->\n\
                    <!--\n<button open-type=\"getUserInfo\">\n-->\n\
                    <button open-type=\"getUserInfo\">new</button>";
    let findings = scan(text, Clients::ALL);
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].range.start, text.rfind("open-type").unwrap());
    // `--` inside a comment does not end it; `-->` does.
    assert_eq!(
            found("<!-- a -- b > <button open-type=\"getUserInfo\"> --><button open-type=\"getUserInfo\"/>"),
            [BUTTON]
        );
}

#[test]
fn quoted_values_may_hold_gt_quotes_and_expressions() {
    let text = r#"<view title="a > b" data-x='{{ a > b ? "x>" : "<y" }}' class="{{ n > 1 ? "many" : 'one' }}" data-s="{{ '}}' }}">
  <button data-t="<button open-type='getUserInfo'>" open-type="getUserInfo">x</button>
</view>"#;
    assert_eq!(found(text), [BUTTON]);
    // The quote that ends a value is found outside `{{ }}` only.
    assert_eq!(
        found(r#"<button data-a="{{ x === "a" }}" open-type="getUserInfo"/>"#),
        [BUTTON]
    );
}

#[test]
fn text_with_lt_inside_expressions_is_not_a_tag() {
    let text = "<view>{{ a<b }} {{ list.length <button }} 1 < 2 and a <3</view>\
                    <button open-type=\"getUserInfo\">x</button>";
    assert_eq!(found(text), [BUTTON]);
    // A `{{` that never closes is plain text.
    assert_eq!(
        found("<text>{{</text><button open-type=\"getUserInfo\"/>"),
        [BUTTON]
    );
}

#[test]
fn wxs_bodies_are_script_not_markup() {
    let text = r#"<wxs module="util">
var tpl = '<button open-type="getUserInfo" bindgetuserinfo="x">';
module.exports = { lt: function (a, b) { return a < b && '<!--' } };
</wxs>
<wxs src="./a.wxs" module="a" />
<button open-type="getUserInfo">x</button>
<wxs module="m">var s = "</wxsx>"; var t = "<button open-type='getUserInfo'>"</wxs >
<button bindgetuserinfo="onUser">y</button>"#;
    assert_eq!(found(text), [BUTTON, "WX201 bindgetuserinfo=\"onUser\""]);
}

#[test]
fn templates_are_ordinary_markup() {
    let text = r#"<template name="login">
  <button open-type="getUserInfo" bind:getuserinfo="{{ handler }}">{{ text }}</button>
</template>
<template is="login" data="{{ ...loginData, text: 'a<b' }}" />"#;
    assert_eq!(
        found(text),
        [BUTTON, "WX201 bind:getuserinfo=\"{{ handler }}\""]
    );
}

#[test]
fn self_closing_tags_and_unquoted_values() {
    assert_eq!(
            found("<image src=a.png/><input value={{a>b}} bindgetuserinfo=onUser/><x open-type=getUserInfo/>"),
            ["WX201 bindgetuserinfo=onUser", "WX201 open-type=getUserInfo"]
        );
}

#[test]
fn crlf_and_a_byte_order_mark() {
    let text = "\u{feff}<view>\r\n  <button\r\n    open-type=\"getUserInfo\"\r\n    bindgetuserinfo=\"onUser\"\r\n  >x</button>\r\n</view>\r\n";
    let findings = scan(text, Clients::ALL);
    assert_eq!(findings.len(), 2);
    let index = crate::source::LineIndex::new(text);
    assert_eq!(index.line_col(findings[0].range.start), (3, 5));
    assert_eq!(index.line_col(findings[1].range.start), (4, 5));
}

#[test]
fn unicode_around_the_sites_keeps_ranges_on_boundaries() {
    let text = "<view 标题=\"登录🔐\">获取头像</view><button 类=值 open-type=\"getUserInfo\" bindgetuserinfo=\"获取\">授权</button>";
    assert_eq!(found(text), [BUTTON, "WX201 bindgetuserinfo=\"获取\""]);
}

#[test]
fn unterminated_input_ends_the_scan_without_panicking() {
    // Whatever completed before the cut is still reported.
    assert_eq!(found("<button open-type=\"getUserInfo\""), [BUTTON]);
    for text in [
        "<!-- <button open-type=\"getUserInfo\">",
        "<view title=\"abc><button open-type=\"getUserInfo\">",
        "<wxs module=\"m\">var a = 1; <button open-type=\"getUserInfo\">",
        "<button open-type=",
        "<button open-type=\"",
        "<button open-type=\"{{",
        "<button open-type='{{ 'a",
        "</",
        "</view",
        "<!",
        "<?xml",
        "<",
        "{{",
        "{{ '",
        "<a =",
        "<a/",
        "<a b=c/",
        "<wxs",
        "<wxs>",
        "<wxs></wxs",
        "<x a={{",
        "<x a=\"\\",
        "",
    ] {
        let _ = scan(text, Clients::ALL);
    }
}

#[test]
fn never_panics_on_any_prefix_of_tricky_markup() {
    let text = "\u{feff}<!-- c --><wxs module=\"m\">var a = '</wxs';</wxs>\r\n<view a='{{ \"}}\" }}' b=\"x>y\" c=d/>\
                    {{ a < b }}<button open-type=\"getUserInfo\" bind:getuserinfo='on'>登录</button><x =\"/>";
    for end in 0..=text.len() {
        if let Some(prefix) = text.get(..end) {
            let findings = scan(prefix, Clients::ALL);
            for f in &findings {
                assert!(prefix.get(f.range.clone()).is_some());
            }
        }
    }
    // And on arbitrary bytes that happen to be text.
    let alphabet = [
        "<",
        ">",
        "/",
        "!--",
        "-->",
        "{{",
        "}}",
        "'",
        "\"",
        "=",
        " ",
        "\r\n",
        "wxs",
        "a",
        "open-type",
        "getUserInfo",
        "\\",
        "界",
    ];
    let mut state = 0x2545_f491_u32;
    for _ in 0..3000 {
        let mut s = String::new();
        for _ in 0..(state % 40) {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            s.push_str(alphabet[state as usize % alphabet.len()]);
        }
        for f in scan(&s, Clients::ALL) {
            assert!(s.get(f.range).is_some());
        }
        state = state.wrapping_add(1);
    }
}

#[test]
fn a_realistic_page() {
    let text = r#"<!--pages/profile/profile.wxml-->
<wxs module="fmt">
  module.exports.name = function (u) { return u && u.nickName.length > 0 ? u.nickName : '<未登录>' }
</wxs>
<import src="../../templates/login.wxml" />
<view class="container">
  <view class="userinfo">
    <block wx:if="{{ !hasUserInfo && canIUse }}">
      <!-- 旧版授权按钮，已废弃
      <button open-type="getUserInfo" bindgetuserinfo="getUserInfoOld">获取头像昵称</button>
      -->
      <button wx:if="{{ canIUseGetUserProfile }}" bindtap="getUserProfile">获取头像昵称</button>
      <button wx:else open-type="getUserInfo" bindgetuserinfo="getUserInfo">获取头像昵称</button>
    </block>
    <block wx:else>
      <image bindtap="bindViewTap" class="userinfo-avatar" src="{{ userInfo.avatarUrl }}" mode="cover"></image>
      <text class="userinfo-nickname">{{ fmt.name(userInfo) }}</text>
    </block>
    <text wx:if="{{ count < 10 }}">少于十条</text>
  </view>
  <button open-type="{{ authType }}" bind:getuserinfo="onAuth" bindgetphonenumber="onPhone">授权</button>
  <navigator url="/pages/logs/logs" open-type="navigate">日志</navigator>
  <template is="login" data="{{ ...login }}" />
</view>
"#;
    assert_eq!(
        found(text),
        [
            BUTTON,
            "WX201 bindgetuserinfo=\"getUserInfo\"",
            "WX204 open-type=\"{{ authType }}\"",
            "WX201 bind:getuserinfo=\"onAuth\"",
        ]
    );
}

/// Every template of the fixtures, whole and line by line: what the pre-check lets pass
/// unscanned, the scan finds nothing in.
#[test]
fn the_pre_check_never_hides_a_finding() {
    let (mut templates, mut skipped) = (0, 0);
    for path in crate::fixture_files::under(&["tests/fixtures-wxml", "fixtures"]) {
        if !crate::language::is_template(&path) {
            continue;
        }
        templates += 1;
        let text = std::fs::read_to_string(&path).unwrap();
        for sample in std::iter::once(text.as_str()).chain(text.lines()) {
            if !may_report(sample) {
                skipped += 1;
                assert_eq!(
                    scan(sample, Clients::ALL),
                    [],
                    "{}: {sample:?}",
                    path.display()
                );
            }
        }
    }
    assert!(
        templates >= 7 && skipped > 80,
        "{templates} templates, {skipped} skipped"
    );
}
