App<{ globalData: { code: string } }>({
  globalData: { code: '' },
  onLaunch() {
    wx.checkSession({
      fail: () => {
        wx.login({
          success: (res: WechatMiniprogram.LoginSuccessCallbackResult) => {
            this.globalData.code = res.code
          },
        })
      },
    })
  },
})
