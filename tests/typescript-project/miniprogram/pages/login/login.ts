import { login } from '../../utils/auth'

Page({
  data: { code: '' },
  async onLoad() {
    const code = await login()
    this.setData({ code })
    ;(wx as WechatMiniprogram.Wx).login({ timeout: 5000 })
    wx.login?.({ success: (res) => this.setData({ code: res.code }) })
  },
})
