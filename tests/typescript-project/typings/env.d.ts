// The project's own declaration for its hand-written WeCom check; the tool's must merge with it.
declare namespace WechatMiniprogram {
  interface SystemInfo {
    environment?: string;
  }
}
