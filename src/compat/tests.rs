use std::collections::{HashMap, HashSet};

use super::*;

/// The transcription the TSV is built from; only the tests read it.
const TABLES: &str = include_str!("wecom-tables.md");

/// The `wx.*` rows of the 2022 API table (section 1 of the transcription), which its own note
/// puts at 331.
// Counted again, apart from this parser, with
// awk '/^## 1\./{s=1} /^### 1a\./{s=0} s && /^\| `wx\./' src/compat/wecom-tables.md | wc -l
const T22_WX_FUNCTIONS: usize = 331;

/// The TSV's rows after the header, with their line numbers.
fn data_lines() -> impl Iterator<Item = (usize, &'static str)> {
    TSV.lines()
        .enumerate()
        .map(|(index, line)| (index + 1, line))
        .filter(|(_, line)| !line.is_empty() && !line.starts_with('#'))
        .skip(1)
}

#[test]
fn the_embedded_table_parses_into_rows_of_every_kind() {
    assert_eq!(rows().len(), data_lines().count());
    for kind in [Kind::Api, Kind::Global, Kind::Method, Kind::Component] {
        assert!(rows().iter().any(|row| row.kind == kind), "no {kind:?} row");
    }
}

/// build.rs wrote one row per line of the table, in its order, with every cell as written.
#[test]
fn the_compiled_rows_are_the_table_s_lines() {
    for (row, (number, line)) in rows().iter().zip(data_lines()) {
        let kind = match row.kind {
            Kind::Api => "api",
            Kind::Global => "global",
            Kind::Method => "method",
            Kind::Component => "component",
        };
        let cells = [
            kind,
            row.name,
            row.status.as_str(),
            row.wording,
            row.source,
            row.instead.unwrap_or("-"),
            row.fix.unwrap_or("-"),
        ];
        assert_eq!(cells.join("\t"), line, "line {number}");
    }
    let names_sorted = |kind: Kind| {
        let mut names: Vec<&str> = rows()
            .iter()
            .filter(|r| r.kind == kind)
            .map(|r| r.name)
            .collect();
        names.sort_unstable();
        names
    };
    for name in names_sorted(Kind::Api) {
        assert_eq!(api(name).map(|row| row.name), Some(name));
    }
    for name in names_sorted(Kind::Component) {
        assert_eq!(component(name).map(|row| row.name), Some(name));
    }
    assert!(api("share-element").is_none() && component("getWindowInfo").is_none());
}

#[test]
fn every_row_has_the_seven_cells_of_the_header() {
    let header = TSV.lines().find(|line| !line.starts_with('#'));
    assert_eq!(
        header,
        Some("kind\tname\tstatus\twording\tsource\tinstead\tfix")
    );
    for (number, line) in data_lines() {
        assert_eq!(line.split('\t').count(), 7, "line {number}: {line:?}");
    }
}

#[test]
fn no_two_rows_share_a_kind_and_a_name() {
    let mut seen = HashSet::new();
    for row in rows() {
        assert!(
            seen.insert((row.kind as u8, row.name)),
            "{:?} {} twice",
            row.kind,
            row.name
        );
    }
}

#[test]
fn every_status_word_is_known() {
    for status in STATUSES {
        assert_eq!(Status::parse(status.as_str()), Some(status));
    }
    for (number, line) in data_lines() {
        let word = line.split('\t').nth(2).unwrap_or_default();
        assert!(Status::parse(word).is_some(), "line {number}: {word:?}");
    }
    assert_eq!(Status::parse("Yes"), None);
    assert_eq!(Status::parse("支持"), None);
}

#[test]
fn every_row_comes_from_one_of_the_four_tables() {
    for row in rows() {
        let sources: &[&str] = match row.kind {
            Kind::Component => &["C22", "C19"],
            Kind::Api | Kind::Global | Kind::Method => &["T22", "T19"],
        };
        assert!(sources.contains(&row.source), "{} {}", row.name, row.source);
    }
}

#[test]
fn the_head_of_the_tsv_names_the_pages_and_their_date() {
    let head: Vec<&str> = TSV
        .lines()
        .take_while(|line| line.starts_with('#'))
        .collect();
    let head = head.join("\n");
    for needle in [
        API_PAGE,
        COMPONENT_PAGE,
        TABLE_DATE,
        "T22",
        "T19",
        "C22",
        "C19",
    ] {
        assert!(head.contains(needle), "{needle}");
    }
}

#[test]
fn get_window_info_is_missing_everywhere_and_names_what_to_call_instead() {
    let row = api("getWindowInfo").expect("getWindowInfo");
    assert_eq!(row.kind, Kind::Api);
    assert_eq!(row.status, Status::No);
    assert_eq!(row.wording, "不支持");
    assert_eq!(row.source, "T22");
    assert_eq!(row.instead, Some("wx.getSystemInfoSync"));
    assert_eq!(row.missing_on(Clients::ALL), Clients::ALL);
    assert!(api("wx.getWindowInfo").is_none(), "names are without wx.");
}

#[test]
fn get_device_info_is_android_only() {
    let row = api("getDeviceInfo").expect("getDeviceInfo");
    assert_eq!(row.status, Status::Android);
    assert_eq!(row.instead, Some("wx.getSystemInfoSync"));
    assert_eq!(
        row.missing_on(Clients::ALL),
        Clients::of(&[Client::Windows, Client::Mac, Client::Ios])
    );
    assert!(row.missing_on(Clients::of(&[Client::Android])).is_empty());
}

#[test]
fn request_is_supported_everywhere() {
    let row = api("request").expect("request");
    assert_eq!(row.status, Status::Yes);
    assert_eq!(row.instead, None);
    assert!(row.missing_on(Clients::ALL).is_empty());
}

#[test]
fn share_element_is_not_supported_and_only_components_are_found_as_such() {
    let row = component("share-element").expect("share-element");
    assert_eq!(row.kind, Kind::Component);
    assert_eq!(row.status, Status::No);
    assert_eq!(row.source, "C22");
    assert!(api("share-element").is_none());
    assert!(component("request").is_none());
    assert_eq!(component("view").map(|row| row.status), Some(Status::Yes));
}

#[test]
fn choose_message_file_points_to_wecom_s_own() {
    let row = api("chooseMessageFile").expect("chooseMessageFile");
    assert_eq!(row.status, Status::No);
    assert_eq!(row.instead, Some("wx.qy.chooseMessageFile"));
}

#[test]
fn a_status_keeps_the_page_s_wording_beside_the_word() {
    let row = api("showShareMenu").expect("showShareMenu");
    assert_eq!(row.status, Status::NoWindows);
    assert_eq!(row.wording, "不支持withShareTicket 参数，win不支持");
    assert_eq!(
        row.missing_on(Clients::ALL),
        Clients::of(&[Client::Windows])
    );
}

#[test]
fn a_partial_status_exists_where_it_is_partial() {
    let picker_view = component("picker-view").expect("picker-view");
    assert_eq!(picker_view.status, Status::PartialWindows);
    assert!(picker_view.missing_on(Clients::ALL).is_empty());
    assert_eq!(
        picker_view.status.partial_on(),
        Clients::of(&[Client::Windows])
    );
    for status in STATUSES {
        let partial = status.partial_on();
        assert_eq!(
            partial.minus(status.supported_on()),
            Clients::NONE,
            "{status:?}"
        );
    }
}

#[test]
fn each_status_says_where_it_exists_and_where_only_in_part() {
    use Client::{Android, Ios, Mac, Windows};
    let expected: [(Status, &[Client], &[Client]); 14] = [
        (Status::Yes, &Client::ALL, &[]),
        (Status::No, &[], &[]),
        (Status::Mobile, &[Ios, Android], &[]),
        (Status::Android, &[Android], &[]),
        (Status::Ios, &[Ios], &[]),
        (Status::AndroidWindows, &[Windows, Android], &[]),
        (Status::Desktop, &[Windows, Mac], &[]),
        (Status::NoWindows, &[Mac, Ios, Android], &[]),
        (Status::NoMac, &[Windows, Ios, Android], &[]),
        (Status::Partial, &Client::ALL, &Client::ALL),
        (Status::PartialDesktop, &Client::ALL, &[Windows, Mac]),
        (Status::PartialMac, &Client::ALL, &[Mac]),
        (Status::PartialWindows, &Client::ALL, &[Windows]),
        (Status::Unknown, &Client::ALL, &[]),
    ];
    for (status, supported, partial) in expected {
        assert_eq!(status.supported_on(), Clients::of(supported), "{status:?}");
        assert_eq!(status.partial_on(), Clients::of(partial), "{status:?}");
    }
}

#[test]
fn client_sets() {
    let desktop = Clients::of(&[Client::Windows, Client::Mac]);
    let mobile = Clients::of(&[Client::Android, Client::Ios]);
    assert!(desktop.contains(Client::Mac) && !desktop.contains(Client::Ios));
    assert_eq!(Clients::ALL.minus(desktop), mobile);
    assert_eq!(desktop.minus(Clients::ALL), Clients::NONE);
    assert_eq!(desktop.minus(mobile), desktop);
    assert_eq!(Clients::of(&Client::ALL), Clients::ALL);
    assert_eq!(Clients::of(&[]), Clients::NONE);
    assert_eq!(Clients::default(), Clients::NONE);
    assert!(Clients::NONE.is_empty() && !desktop.is_empty());
    assert_eq!(Clients::ALL.iter().collect::<Vec<_>>(), Client::ALL);
    assert_eq!(
        mobile.iter().collect::<Vec<_>>(),
        [Client::Ios, Client::Android]
    );
    assert_eq!(Clients::NONE.iter().count(), 0);
}

#[test]
fn clients_are_read_as_users_write_them() {
    for client in Client::ALL {
        assert_eq!(Client::parse(client.as_str()), Some(client));
        assert_eq!(Client::parse(&client.as_str().to_uppercase()), Some(client));
    }
    assert_eq!(Client::parse("macOS"), Some(Client::Mac));
    assert_eq!(Client::parse("MACOS"), Some(Client::Mac));
    assert_eq!(Client::parse("iOS"), Some(Client::Ios));
    assert_eq!(Client::parse("linux"), None);
    assert_eq!(Client::parse(""), None);
}

#[test]
fn the_names_worth_a_parse_are_the_apis_some_client_lacks() {
    let names: HashSet<&str> = api_names_missing_somewhere().collect();
    for name in [
        "getWindowInfo",
        "getDeviceInfo",
        "showShareMenu",
        "chooseMessageFile",
    ] {
        assert!(names.contains(name), "{name}");
    }
    for name in ["request", "login", "getSystemInfoSync", "console.group"] {
        assert!(!names.contains(name), "{name}");
    }
    for api_row in rows().iter().filter(|row| row.kind == Kind::Api) {
        let worth = !matches!(
            api_row.status,
            Status::Yes
                | Status::Partial
                | Status::PartialDesktop
                | Status::PartialMac
                | Status::PartialWindows
                | Status::Unknown
        );
        assert_eq!(names.contains(api_row.name), worth, "{}", api_row.name);
    }
}

// The coverage check: every row of the transcription has its TSV row, and back.

/// Names in the transcription's tables that are not rows: data types listed beside the methods
/// (nothing to call) and server-side HTTPS APIs (not in a mini-program's code).
const NOT_ROWS: [&str; 13] = [
    "Color",
    "Image",
    "ImageData",
    "ReadResult",
    "WriteResult",
    "UserInfo",
    "AuthSetting",
    "SubscriptionsSetting",
    "BeaconInfo",
    "WifiInfo",
    "IBeaconInfo",
    "getPaidUnionId (server API)",
    "code2Session (server)",
];

const TIMERS: [&str; 4] = ["setTimeout", "setInterval", "clearTimeout", "clearInterval"];

/// Groups whose members the transcription counts or describes but does not name: the cell, the
/// members (as on the page), and the count the cell states, if it states one.
const UNNAMED_GROUPS: [(&str, &[&str], Option<usize>); 7] = [
    // "all 42 listed", but the page lists 41 from arc to transform; `translate` is a T19-only row.
    (
        "CanvasContext.*(all 42 listed methods: arc … transform)",
        &[
            "CanvasContext.arc",
            "CanvasContext.arcTo",
            "CanvasContext.beginPath",
            "CanvasContext.bezierCurveTo",
            "CanvasContext.clearRect",
            "CanvasContext.clip",
            "CanvasContext.closePath",
            "CanvasContext.createCircularGradient",
            "CanvasContext.createLinearGradient",
            "CanvasContext.createPattern",
            "CanvasContext.draw",
            "CanvasContext.drawImage",
            "CanvasContext.fill",
            "CanvasContext.fillRect",
            "CanvasContext.fillText",
            "CanvasContext.lineTo",
            "CanvasContext.measureText",
            "CanvasContext.moveTo",
            "CanvasContext.quadraticCurveTo",
            "CanvasContext.rect",
            "CanvasContext.restore",
            "CanvasContext.rotate",
            "CanvasContext.save",
            "CanvasContext.scale",
            "CanvasContext.setFillStyle",
            "CanvasContext.setFontSize",
            "CanvasContext.setGlobalAlpha",
            "CanvasContext.setLineCap",
            "CanvasContext.setLineDash",
            "CanvasContext.setLineJoin",
            "CanvasContext.setLineWidth",
            "CanvasContext.setMiterLimit",
            "CanvasContext.setShadow",
            "CanvasContext.setStrokeStyle",
            "CanvasContext.setTextAlign",
            "CanvasContext.setTextBaseline",
            "CanvasContext.setTransform",
            "CanvasContext.stroke",
            "CanvasContext.strokeRect",
            "CanvasContext.strokeText",
            "CanvasContext.transform",
        ],
        None,
    ),
    (
        "InnerAudioContext.*(destroy, all on*/off* listeners, pause play seek stop — 25 rows)",
        &[
            "InnerAudioContext.destroy",
            "InnerAudioContext.offCanplay",
            "InnerAudioContext.offEnded",
            "InnerAudioContext.offError",
            "InnerAudioContext.offPause",
            "InnerAudioContext.offPlay",
            "InnerAudioContext.offSeeked",
            "InnerAudioContext.offSeeking",
            "InnerAudioContext.offStop",
            "InnerAudioContext.offTimeUpdate",
            "InnerAudioContext.offWaiting",
            "InnerAudioContext.onCanplay",
            "InnerAudioContext.onEnded",
            "InnerAudioContext.onError",
            "InnerAudioContext.onPause",
            "InnerAudioContext.onPlay",
            "InnerAudioContext.onSeeked",
            "InnerAudioContext.onSeeking",
            "InnerAudioContext.onStop",
            "InnerAudioContext.onTimeUpdate",
            "InnerAudioContext.onWaiting",
            "InnerAudioContext.pause",
            "InnerAudioContext.play",
            "InnerAudioContext.seek",
            "InnerAudioContext.stop",
        ],
        Some(25),
    ),
    // WebAudioContextNode, the type the cell also names, is not a row.
    (
        "WebAudioContext.*(close createBiquadFilter … suspend — 19 rows) and WebAudioContextNode",
        &[
            "WebAudioContext.close",
            "WebAudioContext.createBiquadFilter",
            "WebAudioContext.createBuffer",
            "WebAudioContext.createBufferSource",
            "WebAudioContext.createChannelMerger",
            "WebAudioContext.createChannelSplitter",
            "WebAudioContext.createConstantSource",
            "WebAudioContext.createDelay",
            "WebAudioContext.createDynamicsCompressor",
            "WebAudioContext.createGain",
            "WebAudioContext.createIIRFilter",
            "WebAudioContext.createOscillator",
            "WebAudioContext.createPanner",
            "WebAudioContext.createPeriodicWave",
            "WebAudioContext.createScriptProcessor",
            "WebAudioContext.createWaveShaper",
            "WebAudioContext.decodeAudioData",
            "WebAudioContext.resume",
            "WebAudioContext.suspend",
        ],
        Some(19),
    ),
    (
        "BackgroundAudioManager.*(16 rows: on* listeners, pause play seek stop)",
        &[
            "BackgroundAudioManager.onCanplay",
            "BackgroundAudioManager.onEnded",
            "BackgroundAudioManager.onError",
            "BackgroundAudioManager.onNext",
            "BackgroundAudioManager.onPause",
            "BackgroundAudioManager.onPlay",
            "BackgroundAudioManager.onPrev",
            "BackgroundAudioManager.onSeeked",
            "BackgroundAudioManager.onSeeking",
            "BackgroundAudioManager.onStop",
            "BackgroundAudioManager.onTimeUpdate",
            "BackgroundAudioManager.onWaiting",
            "BackgroundAudioManager.pause",
            "BackgroundAudioManager.play",
            "BackgroundAudioManager.seek",
            "BackgroundAudioManager.stop",
        ],
        Some(16),
    ),
    (
        "BLEPeripheralServer.*(on/off CharacteristicReadRequest/Subscribed/Unsubscribed/WriteRequest, startAdvertising, stopAdvertising)",
        &[
            "BLEPeripheralServer.offCharacteristicReadRequest",
            "BLEPeripheralServer.offCharacteristicSubscribed",
            "BLEPeripheralServer.offCharacteristicUnsubscribed",
            "BLEPeripheralServer.offCharacteristicWriteRequest",
            "BLEPeripheralServer.onCharacteristicReadRequest",
            "BLEPeripheralServer.onCharacteristicSubscribed",
            "BLEPeripheralServer.onCharacteristicUnsubscribed",
            "BLEPeripheralServer.onCharacteristicWriteRequest",
            "BLEPeripheralServer.startAdvertising",
            "BLEPeripheralServer.stopAdvertising",
        ],
        None,
    ),
    (
        "VKCamera.* / VKFrame.* / VKSession.*(12 rows)",
        &[
            "VKCamera.getProjectionMatrix",
            "VKFrame.getCameraTexture",
            "VKFrame.getDisplayTransform",
            "VKSession.cancelAnimationFrame",
            "VKSession.destroy",
            "VKSession.getVKFrame",
            "VKSession.hitTest",
            "VKSession.off",
            "VKSession.on",
            "VKSession.requestAnimationFrame",
            "VKSession.start",
            "VKSession.stop",
        ],
        Some(12),
    ),
    // The names are WeChat's methods for these objects.
    (
        "InterstitialAd.* (9 rows) / RewardedVideoAd.* (9 rows)",
        &[
            "InterstitialAd.destroy",
            "InterstitialAd.load",
            "InterstitialAd.offClose",
            "InterstitialAd.offError",
            "InterstitialAd.offLoad",
            "InterstitialAd.onClose",
            "InterstitialAd.onError",
            "InterstitialAd.onLoad",
            "InterstitialAd.show",
            "RewardedVideoAd.destroy",
            "RewardedVideoAd.load",
            "RewardedVideoAd.offClose",
            "RewardedVideoAd.offError",
            "RewardedVideoAd.offLoad",
            "RewardedVideoAd.onClose",
            "RewardedVideoAd.onError",
            "RewardedVideoAd.onLoad",
            "RewardedVideoAd.show",
        ],
        Some(18),
    ),
];

/// A row the transcription implies.
#[derive(Debug)]
struct Expected {
    kind: Kind,
    name: String,
    status: Status,
    wording: String,
    source: &'static str,
}

fn is_identifier(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || byte == b'_')
}

/// Splits a cell at `, ` and ` / ` outside parentheses.
fn items(cell: &str) -> Vec<&str> {
    let bytes = cell.as_bytes();
    let (mut items, mut depth, mut start, mut at) = (Vec::new(), 0, 0, 0);
    while at < bytes.len() {
        match bytes[at] {
            b'(' => depth += 1,
            b')' => depth -= 1,
            _ if depth == 0 => {
                let separator = [", ", " / "]
                    .into_iter()
                    .find(|separator| bytes[at..].starts_with(separator.as_bytes()));
                if let Some(separator) = separator {
                    items.push(&cell[start..at]);
                    at += separator.len();
                    start = at;
                    continue;
                }
            }
            _ => {}
        }
        at += 1;
    }
    items.push(&cell[start..]);
    items
}

/// The kinds and names the first cell of an API row stands for.
fn members(cell: &str, not_rows_seen: &mut HashSet<&'static str>) -> Vec<(Kind, String)> {
    let cell = cell.replace('`', "");
    if let Some((_, names, stated)) = UNNAMED_GROUPS.iter().find(|(text, ..)| *text == cell) {
        if let Some(stated) = stated {
            assert_eq!(names.len(), *stated, "{cell}");
        }
        return names
            .iter()
            .map(|&name| (Kind::Method, name.to_string()))
            .collect();
    }
    let mut members = Vec::new();
    for item in items(&cell) {
        if let Some(not_row) = NOT_ROWS.into_iter().find(|not_row| *not_row == item) {
            not_rows_seen.insert(not_row);
        } else if let Some((object, inside)) = item
            .strip_suffix(')')
            .and_then(|item| item.split_once(".*("))
        {
            let (stated, names) = match inside.split_once(" methods: ") {
                Some((count, names)) => (Some(count), names),
                None => (None, inside),
            };
            let names: Vec<&str> = names.split(' ').collect();
            assert!(
                is_identifier(object) && names.iter().all(|name| is_identifier(name)),
                "{item:?}: a group that does not name its members belongs in UNNAMED_GROUPS"
            );
            if let Some(stated) = stated {
                assert_eq!(stated, names.len().to_string(), "{item}");
            }
            members.extend(
                names
                    .iter()
                    .map(|name| (Kind::Method, format!("{object}.{name}"))),
            );
        } else if let Some(name) = item.strip_prefix("wx.") {
            assert!(is_identifier(name), "{item:?}");
            members.push((Kind::Api, name.to_string()));
        } else if TIMERS.contains(&item) || item.strip_prefix("console.").is_some_and(is_identifier)
        {
            members.push((Kind::Global, item.to_string()));
        } else {
            let method = item.split_once('.').filter(|(object, method)| {
                object.starts_with(|c: char| c.is_ascii_uppercase())
                    && is_identifier(object)
                    && is_identifier(method)
            });
            assert!(
                method.is_some(),
                "{item:?} is neither a wx.* member, a global, an Object.method nor in NOT_ROWS"
            );
            members.push((Kind::Method, item.to_string()));
        }
    }
    members
}

/// The English column of the API tables, in the status vocabulary. The last two before the
/// catch-all have no word of their own; the TSV's head says why each maps as it does.
fn api_status(english: &str) -> Status {
    match english {
        "Yes" => Status::Yes,
        "No" => Status::No,
        "Mobile only (iOS+Android)" => Status::Mobile,
        "Android only" => Status::Android,
        "iOS only" => Status::Ios,
        "Desktop only (Win/Mac)" => Status::Desktop,
        "Yes, except macOS" => Status::NoMac,
        "Partial" => Status::Partial,
        _ if english.starts_with("Yes, except Windows") => Status::NoWindows,
        _ if english.starts_with("Partial; not on Windows") => Status::NoWindows,
        "Partial; mobile only" => Status::Mobile,
        "Android + Windows only" => Status::AndroidWindows,
        _ => panic!("no status for {english:?}"),
    }
}

/// The component tables' wording, in the status vocabulary.
fn component_status(wording: &str) -> Status {
    match wording {
        "支持" => Status::Yes,
        "不支持" => Status::No,
        "部分支持" => Status::Partial,
        "仅移动端支持" => Status::Mobile,
        "桌面端部分支持" => Status::PartialDesktop,
        "mac上部分支持" | "mac部分支持" => Status::PartialMac,
        "win部分支持" => Status::PartialWindows,
        "—" => Status::Unknown,
        _ => panic!("no status for {wording:?}"),
    }
}

/// Every row the transcription's sections 1 (T22), 1a (T19 only) and 2 (components) imply,
/// and the non-rows it names.
fn transcription() -> (Vec<Expected>, HashSet<&'static str>) {
    let mut expected = Vec::new();
    let mut not_rows_seen = HashSet::new();
    let mut section = "";
    for line in TABLES.lines() {
        if let Some(heading) = line
            .strip_prefix("## ")
            .or_else(|| line.strip_prefix("### "))
        {
            section = heading.split(' ').next().unwrap_or_default();
            continue;
        }
        if !["1.", "1a.", "2."].contains(&section)
            || !line.starts_with('|')
            || line.starts_with("|---")
        {
            continue;
        }
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        assert_eq!(cells.len(), 4, "{line}");
        if ["api", "component"].contains(&cells[0]) {
            continue;
        }
        if section == "2." {
            let (wording, source) = if cells[1].starts_with('(') {
                (cells[2].trim_matches('*'), "C19")
            } else {
                (cells[1], "C22")
            };
            for name in cells[0].split(", ") {
                expected.push(Expected {
                    kind: Kind::Component,
                    name: name.to_string(),
                    status: component_status(wording),
                    wording: wording.to_string(),
                    source,
                });
            }
            continue;
        }
        if cells[1].is_empty() {
            assert!(
                cells[0].starts_with("**") || cells[0].starts_with("T19 also lists server-side"),
                "a row without a status: {line}"
            );
            continue;
        }
        let members = members(cells[0], &mut not_rows_seen);
        if members.is_empty() {
            continue;
        }
        let (wording, source) = if section == "1." {
            let wording = cells[2]
                .strip_prefix("2022: ")
                .unwrap_or_else(|| panic!("no 2022 wording: {line}"));
            (
                wording.split("; 2019 table").next().unwrap_or_default(),
                "T22",
            )
        } else {
            (cells[2].split(" (").next().unwrap_or_default(), "T19")
        };
        for (kind, name) in members {
            expected.push(Expected {
                kind,
                name,
                status: api_status(cells[1]),
                wording: wording.to_string(),
                source,
            });
        }
    }
    (expected, not_rows_seen)
}

#[test]
fn the_tsv_has_a_row_for_every_row_of_the_transcription_and_no_other() {
    let (expected, not_rows_seen) = transcription();
    let mut by_key = HashMap::new();
    for row in &expected {
        let key = (row.kind as u8, row.name.as_str());
        assert!(
            by_key.insert(key, row).is_none(),
            "{:?} {} twice in the transcription",
            row.kind,
            row.name
        );
    }
    let tsv: HashMap<(u8, &str), &Row> = rows()
        .iter()
        .map(|row| ((row.kind as u8, row.name), row))
        .collect();
    for want in &expected {
        let row = tsv
            .get(&(want.kind as u8, want.name.as_str()))
            .unwrap_or_else(|| panic!("no TSV row for {:?} {}", want.kind, want.name));
        assert_eq!(
            (row.status, row.wording, row.source),
            (want.status, want.wording.as_str(), want.source),
            "{:?} {}",
            want.kind,
            want.name
        );
    }
    for row in rows() {
        assert!(
            by_key.contains_key(&(row.kind as u8, row.name)),
            "{:?} {} is in no row of wecom-tables.md",
            row.kind,
            row.name
        );
    }
    assert_eq!(expected.len(), rows().len());
    for not_row in NOT_ROWS {
        assert!(
            not_rows_seen.contains(not_row),
            "{not_row} is no longer in the transcription"
        );
        assert!(rows().iter().all(|row| row.name != not_row), "{not_row}");
    }

    let count = |kind: Kind, source: &str| {
        expected
            .iter()
            .filter(|row| row.kind == kind && row.source == source)
            .count()
    };
    for kind in [Kind::Api, Kind::Global, Kind::Method, Kind::Component] {
        let (new, old) = match kind {
            Kind::Component => (count(kind, "C22"), count(kind, "C19")),
            _ => (count(kind, "T22"), count(kind, "T19")),
        };
        println!("{kind:?}: {new} rows from the 2022 tables, {old} from the 2019 ones");
        assert!(new + old > 0, "no {kind:?} rows");
    }
    let wx_functions = count(Kind::Api, "T22");
    println!("wx.* functions in the 2022 API table: {wx_functions}");
    assert_eq!(wx_functions, T22_WX_FUNCTIONS);
}
