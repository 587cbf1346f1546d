// Promisified helpers, values passed around, and a hand-written WeCom branch.
export function login(): Promise<string> {
  return new Promise((resolve, reject) => {
    wx.login({ success: (res) => resolve(res.code), fail: reject })
  })
}

export const checkSession: typeof wx.checkSession = wx.checkSession

export async function ensureSession(): Promise<boolean> {
  const isWxWork = wx.getSystemInfoSync().environment === 'wxwork'
  if (isWxWork) {
    wx.login({ success: (res) => console.log(res.code) })
    return true
  }
  try {
    await wx.checkSession()
    return true
  } catch {
    return false
  }
}
