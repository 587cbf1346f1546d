//! The text of each generated file: pages, components, utilities and TypeScript services of
//! ordinary mini-program code (requests, navigation, storage, modals, Chinese strings and
//! comments), which is most of the bytes, so that reading and parsing cost what they cost on a real
//! project; and in each, the one method that reaches or mentions the APIs (`Extra`).

use std::fmt::Write as _;

use super::{Extra, Rng};

const TITLES: [&str; 12] = [
    "我的订单",
    "商品详情",
    "购物车",
    "个人中心",
    "地址管理",
    "优惠券",
    "消息通知",
    "门店列表",
    "会员积分",
    "售后服务",
    "搜索结果",
    "设置",
];
const TOASTS: [&str; 8] = [
    "加载失败，请稍后重试",
    "网络开小差了",
    "已保存",
    "删除成功",
    "请先选择商品",
    "库存不足",
    "提交成功，等待审核",
    "复制成功",
];
const RESOURCES: [&str; 10] = [
    "orders", "items", "cart", "coupons", "stores", "members", "messages", "address", "points",
    "refunds",
];

/// The entry file: both flavours log in here, as the WeChat template does.
pub fn app_js() -> String {
    let mut s = String::from(
        "// app.js：小程序入口\nApp({\n  globalData: {\n    baseUrl: 'https://api.example.com',\n    \
         token: null,\n    userInfo: null\n  },\n  onLaunch() {\n    const logs = \
         wx.getStorageSync('logs') || []\n    logs.unshift(Date.now())\n    \
         wx.setStorageSync('logs', logs)\n",
    );
    s.push_str(
        "    // 登录\n    wx.login({\n      success: res => {\n        \
         // 发送 res.code 到后台换取 openId, sessionKey, unionId\n        \
         this.globalData.code = res.code\n      }\n    })\n",
    );
    s.push_str("  }\n})\n");
    s
}

pub fn page_json(rng: &mut Rng) -> String {
    format!(
        "{{\n  \"navigationBarTitleText\": \"{}\",\n  \"usingComponents\": {{}}\n}}\n",
        rng.pick(&TITLES)
    )
}

pub fn page_wxml(rng: &mut Rng, i: usize) -> String {
    format!(
        "<view class=\"page-{i}\">\n  <view wx:for=\"{{{{list}}}}\" wx:key=\"id\" \
         bindtap=\"onTap\" data-id=\"{{{{item.id}}}}\">\n    <text>{{{{item.name}}}}</text>\n    \
         <text class=\"price\">¥{{{{item.price}}}}</text>\n  </view>\n  \
         <view wx:if=\"{{{{!list.length}}}}\">{}</view>\n</view>\n",
        rng.pick(&TOASTS)
    )
}

pub fn page_wxss(i: usize) -> String {
    format!(".page-{i} {{ padding: 24rpx; }}\n.price {{ color: #fa5151; }}\n")
}

/// One method body of ordinary mini-program code: requests, navigation, storage, modals,
/// async/await, loops and template literals, with Chinese strings and comments.
fn snippet(rng: &mut Rng, out: &mut String, name: &str, semi: &str) {
    let res = rng.pick(&RESOURCES);
    let toast = rng.pick(&TOASTS);
    let title = rng.pick(&TITLES);
    let n = rng.below(1000);
    let _ = match rng.below(8) {
        0 => write!(
            out,
            "  {name}(e) {{\n    // 拉取{title}数据\n    const id = e && e.currentTarget ? \
             e.currentTarget.dataset.id : {n}{semi}\n    this.setData({{ loading: true }}){semi}\n    \
             wx.request({{\n      url: `${{app.globalData.baseUrl}}/api/v1/{res}/${{id}}`,\n      \
             method: 'GET',\n      header: {{ Authorization: `Bearer ${{app.globalData.token}}` }},\n      \
             success: (res) => {{\n        if (res.statusCode === 200 && res.data) {{\n          \
             const list = (res.data.items || []).map(item => ({{ ...item, label: `${{item.name}} · \
             ${{item.count || 0}}件` }})){semi}\n          this.setData({{ list, loading: false }}){semi}\n        \
             }} else {{\n          wx.showToast({{ title: '{toast}', icon: 'none' }}){semi}\n        \
             }}\n      }},\n      fail: (err) => {{\n        console.error('[{res}] request failed', err){semi}\n        \
             this.setData({{ loading: false }}){semi}\n      }}\n    }}){semi}\n  }},\n"
        ),
        1 => write!(
            out,
            "  {name}(e) {{\n    const {{ id, type }} = e.currentTarget.dataset{semi}\n    \
             if (!id) return{semi}\n    wx.navigateTo({{\n      url: \
             `/pages/{res}/detail?id=${{id}}&type=${{type || 'default'}}&from={n}`,\n      \
             fail: () => wx.showToast({{ title: '{toast}', icon: 'none' }})\n    }}){semi}\n  }},\n"
        ),
        2 => write!(
            out,
            "  {name}() {{\n    /* 缓存十分钟，避免重复请求{title} */\n    \
             const cached = wx.getStorageSync('cache_{res}_{n}'){semi}\n    \
             if (cached && Date.now() - cached.ts < 10 * 60 * 1000) {{\n      \
             this.setData({{ list: cached.list }}){semi}\n      return cached.list{semi}\n    }}\n    \
             const fresh = {{ ts: Date.now(), list: this.data.list.filter(x => x && x.id > {n}) }}{semi}\n    \
             wx.setStorageSync('cache_{res}_{n}', fresh){semi}\n    return fresh.list{semi}\n  }},\n"
        ),
        3 => write!(
            out,
            "  async {name}() {{\n    wx.showLoading({{ title: '加载中', mask: true }}){semi}\n    \
             try {{\n      const [a, b] = await Promise.all([\n        this.fetchPage({n}),\n        \
             this.fetchPage({n} + 1)\n      ]){semi}\n      this.setData({{ list: [...a, ...b], \
             total: a.length + b.length }}){semi}\n    }} catch (err) {{\n      \
             wx.showToast({{ title: '{toast}', icon: 'none' }}){semi}\n    }} finally {{\n      \
             wx.hideLoading(){semi}\n    }}\n  }},\n"
        ),
        4 => write!(
            out,
            "  {name}(value) {{\n    // 格式化金额，例如 ¥1,234.50\n    const cents = \
             Math.round(Number(value || 0) * 100){semi}\n    const yuan = Math.floor(cents / 100)\n      \
             .toString()\n      .replace(/\\B(?=(\\d{{3}})+(?!\\d))/g, ','){semi}\n    \
             return `¥${{yuan}}.${{String(cents % 100).padStart(2, '0')}}`{semi}\n  }},\n"
        ),
        5 => write!(
            out,
            "  {name}(e) {{\n    const index = e.currentTarget.dataset.index{semi}\n    \
             wx.showModal({{\n      title: '提示',\n      content: '确定要删除这条{title}记录吗？',\n      \
             success: ({{ confirm }}) => {{\n        if (!confirm) return{semi}\n        \
             const list = this.data.list.slice(){semi}\n        list.splice(index, 1){semi}\n        \
             this.setData({{ list }}){semi}\n        wx.showToast({{ title: '{toast}' }}){semi}\n      \
             }}\n    }}){semi}\n  }},\n"
        ),
        6 => write!(
            out,
            "  {name}(list) {{\n    let sum = 0{semi}\n    const groups = {{}}{semi}\n    \
             for (let i = 0; i < list.length; i++) {{\n      const item = list[i]{semi}\n      \
             const key = item.category || '其他'{semi}\n      groups[key] = groups[key] || []{semi}\n      \
             groups[key].push(item){semi}\n      sum += item.price * (item.count || 1){semi}\n    }}\n    \
             return {{ groups, sum: sum.toFixed(2), size: {n} }}{semi}\n  }},\n"
        ),
        _ => write!(
            out,
            "  {name}() {{\n    const query = wx.createSelectorQuery().in(this){semi}\n    \
             query.select('.list-{n}').boundingClientRect(rect => {{\n      if (!rect) return{semi}\n      \
             this.setData({{ height: rect.height, scrolled: rect.top < 0 }}){semi}\n    \
             }}).exec(){semi}\n    wx.pageScrollTo({{ scrollTop: 0, duration: 300 }}){semi}\n  }},\n"
        ),
    };
}

/// Code that reaches the APIs or mentions them, placed as one more method.
fn extra_method(rng: &mut Rng, out: &mut String, extra: Extra, semi: &str) {
    let _ = match extra {
        Extra::Nothing => Ok(()),
        Extra::Mention => match rng.below(3) {
            0 => write!(
                out,
                "  goLogin() {{\n    // 未登录时跳转登录页\n    \
                 wx.navigateTo({{ url: '/pages/login/login' }}){semi}\n  }},\n"
            ),
            1 => write!(
                out,
                "  onShow() {{\n    // checkSession 由 app.js 统一处理，这里只读缓存\n    \
                 this.setData({{ logged: !!wx.getStorageSync('token') }}){semi}\n  }},\n"
            ),
            _ => write!(
                out,
                "  resetState() {{\n    this.setData({{ loginState: 'idle', retries: 0 }}){semi}\n  }},\n"
            ),
        },
        Extra::Sites => write!(
            out,
            "  ensureSession() {{\n    return new Promise((resolve, reject) => {{\n      \
             wx.checkSession({{\n        success: resolve,\n        fail: () => {{\n          \
             // session_key 已经失效，需要重新执行登录流程\n          wx.login({{\n            \
             success: ({{ code }}) => {{\n              wx.request({{\n                \
             url: `${{app.globalData.baseUrl}}/api/v1/session`,\n                \
             method: 'POST',\n                data: {{ code }},\n                \
             success: (res) => {{ wx.setStorageSync('token', res.data.token); resolve() }},\n                \
             fail: reject\n              }}){semi}\n            }},\n            \
             fail: reject\n          }}){semi}\n        }}\n      }}){semi}\n    }}){semi}\n  }},\n"
        ),
        Extra::Flag => write!(
            out,
            "  loadProfile() {{\n    wx.getUserInfo({{\n      \
             success: (res) => this.setData({{ nickName: res.userInfo.nickName }})\n    \
             }}){semi}\n  }},\n"
        ),
        Extra::Escape => write!(
            out,
            "  hint() {{\n    return '\\u767b\\u5f55\\u5df2\\u8fc7\\u671f'{semi}\n  }},\n"
        ),
        Extra::Call => write!(
            out,
            "  onTapRetry() {{\n    // 登录失效时由 app.js 重新登录\n    \
             app.login().then(() => this.onShow()){semi}\n  }},\n"
        ),
    };
}

fn methods(rng: &mut Rng, out: &mut String, i: usize, extra: Extra, semi: &str) {
    let count = 4 + rng.below(40);
    let at = rng.below(count);
    for k in 0..count {
        if k == at {
            extra_method(rng, out, extra, semi);
        }
        snippet(rng, out, &format!("handle{i}x{k}"), semi);
    }
}

pub fn page_js(rng: &mut Rng, i: usize, extra: Extra, semi: bool, kind: &str) -> String {
    let semi = if semi { ";" } else { "" };
    let title = rng.pick(&TITLES);
    let mut s = format!(
        "// {title}：第 {i} 号{kind}\nconst app = getApp(){semi}\n\
         const {{ formatTime }} = require('../../utils/util'){semi}\n\n\
         /**\n * {title}。数据来自 /api/v1，分页加载，下拉刷新。\n */\n{kind}({{\n"
    );
    if kind == "Component" {
        s.push_str(
            "  properties: {\n    item: { type: Object, value: {} },\n    \
             mode: { type: String, value: 'card' }\n  },\n",
        );
    }
    let _ = write!(
        s,
        "  data: {{\n    list: [],\n    loading: false,\n    title: '{title}',\n    page: 1\n  }},\n"
    );
    if kind == "Component" {
        s.push_str("  methods: {\n");
    }
    methods(rng, &mut s, i, extra, semi);
    let _ = write!(
        s,
        "  fetchPage(page) {{\n    return new Promise((resolve) => resolve(page ? [] : \
         [])){semi}\n  }}\n"
    );
    if kind == "Component" {
        s.push_str("  }\n");
    }
    s.push_str("})\n");
    s
}

pub fn util_js(rng: &mut Rng, i: usize, extra: Extra, semi: bool) -> String {
    let semi = if semi { ";" } else { "" };
    let mut s = format!(
        "/**\n * 工具函数 {i}：日期、金额、缓存与请求封装。\n */\n\
         const formatNumber = n => {{\n  n = n.toString(){semi}\n  return n[1] ? n : `0${{n}}`{semi}\n}}\n\n\
         export const formatTime = date => {{\n  const year = date.getFullYear(){semi}\n  \
         const month = date.getMonth() + 1{semi}\n  const day = date.getDate(){semi}\n  \
         return [year, month, day].map(formatNumber).join('/'){semi}\n}}\n\n\
         export const helpers{i} = {{\n"
    );
    methods(rng, &mut s, i, extra, semi);
    let _ = write!(
        s,
        "  fetchPage(page) {{\n    return Promise.resolve(page){semi}\n  }}\n}}{semi}\n"
    );
    s
}

pub fn service_ts(rng: &mut Rng, i: usize, extra: Extra) -> String {
    let res = rng.pick(&RESOURCES);
    let title = rng.pick(&TITLES);
    let mut s = format!(
        "// {title}服务（TypeScript）\nimport {{ formatTime }} from '../utils/util';\n\n\
         export interface Item{i} {{\n  id: number;\n  name: string;\n  price?: number;\n  \
         tags: readonly string[];\n  createdAt: string;\n}}\n\n\
         export type Page{i}<T> = {{ items: T[]; total: number; next?: string | null }};\n\n\
         export enum Status{i} {{ Idle = 'idle', Loading = 'loading', Done = 'done' }}\n\n\
         export class Service{i} {{\n  private cache = new Map<string, Item{i}>();\n  \
         private status: Status{i} = Status{i}.Idle;\n\n  \
         constructor(private readonly baseUrl: string) {{}}\n\n"
    );
    let count = 3 + rng.below(25);
    let at = rng.below(count);
    for k in 0..count {
        if k == at {
            let _ = match extra {
                Extra::Nothing => Ok(()),
                Extra::Mention => write!(
                    s,
                    "  // 登录态（login）由 AuthService 维护\n  \
                     needsLogin(): boolean {{\n    return !wx.getStorageSync('token');\n  }}\n\n"
                ),
                Extra::Sites => write!(
                    s,
                    "  async code(): Promise<string> {{\n    \
                     const res = await new Promise<WechatMiniprogram.LoginSuccessCallbackResult>(\n      \
                     (resolve, reject) => wx.login({{ success: resolve, fail: reject }}),\n    );\n    \
                     await new Promise<void>((resolve, reject) =>\n      \
                     (wx as any).checkSession({{ success: () => resolve(), fail: reject }}),\n    );\n    \
                     return res.code;\n  }}\n\n"
                ),
                Extra::Flag => write!(
                    s,
                    "  profile(): void {{\n    wx.getUserInfo({{ success: (r) => \
                     console.log(r.userInfo) }});\n  }}\n\n"
                ),
                Extra::Escape => write!(
                    s,
                    "  hint(): string {{\n    return '\\u767b\\u5f55';\n  }}\n\n"
                ),
                Extra::Call => write!(
                    s,
                    "  // 会话由 AuthService 统一校验\n  \
                     valid(): Promise<boolean> {{\n    return this.auth.checkSession();\n  }}\n\n"
                ),
            };
        }
        let n = rng.below(1000);
        let toast = rng.pick(&TOASTS);
        let _ = match rng.below(3) {
            0 => write!(
                s,
                "  async get{k}(id: string): Promise<Item{i} | undefined> {{\n    \
                 const hit = this.cache.get(id);\n    if (hit) return hit;\n    \
                 this.status = Status{i}.Loading;\n    \
                 const item = await new Promise<Item{i}>((resolve, reject) => {{\n      \
                 wx.request({{\n        url: `${{this.baseUrl}}/api/v1/{res}/${{id}}?v={n}`,\n        \
                 success: (res) => resolve(res.data as Item{i}),\n        fail: reject,\n      }});\n    \
                 }});\n    this.cache.set(id, item);\n    this.status = Status{i}.Done;\n    \
                 return item;\n  }}\n\n"
            ),
            1 => write!(
                s,
                "  list{k}(page: Page{i}<Item{i}>, min = {n}): string[] {{\n    \
                 // 过滤掉价格低于 min 的条目\n    return page.items\n      \
                 .filter((it): it is Item{i} & {{ price: number }} => (it.price ?? 0) >= min)\n      \
                 .map((it) => `${{it.name}}（${{formatTime(new Date(it.createdAt))}}）`);\n  }}\n\n"
            ),
            _ => write!(
                s,
                "  notify{k}<K extends keyof Item{i}>(key: K, value: Item{i}[K]): void {{\n    \
                 if (value === undefined) {{\n      \
                 wx.showToast({{ title: '{toast}', icon: 'none' }});\n      return;\n    }}\n    \
                 console.info(`[{res}] ${{String(key)}} =`, value);\n  }}\n\n"
            ),
        };
    }
    s.push_str("}\n");
    s
}
