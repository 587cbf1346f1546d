// Reads the phone's switches before it asks for location or Bluetooth. WeCom has no
// wx.getSystemSetting; the migrated call reads wx.getSystemInfoSync there instead.
export function canLocate(): boolean {
  const { locationEnabled } = wx.getSystemSetting()
  return locationEnabled
}

export function bluetoothHint(): string {
  const setting: WechatMiniprogram.SystemSetting = wx.getSystemSetting()
  if (!setting.bluetoothEnabled) {
    return '请在系统设置中打开蓝牙'
  }
  return setting.deviceOrientation === 'landscape' ? '横屏' : '竖屏'
}

export function isWxWork(): boolean {
  const info = wx.getSystemInfoSync()
  if (info.environment === 'wxwork') {
    return wx.getSystemSetting().wifiEnabled
  }
  return false
}
