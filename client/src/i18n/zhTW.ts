import type { Messages } from './en'

/**
 * Traditional Chinese (Taiwan) strings. `satisfies Messages` makes a missing or an extra key a
 * type error, so this dictionary can never drift from `en`. Terms follow the course's wording
 * (see shared/domain.md).
 */
export const zhTW = {
  appName: '公共服務共創畫布',
  appTagline: '為數位公共服務設計思考工作坊打造的共創畫布。',
  homeIntro: '和團隊一起從每一位利害關係人的角度規劃數位公共服務：開啟畫布、分享連結，即時共同編輯。',
  boardDocumentTitle: '畫布 {boardId} · {appName}',

  createBoardHeading: '開始一場工作坊',
  createBoard: '建立新畫布',
  creatingBoard: '正在建立畫布…',
  createBoardHint: '任何取得畫布連結的人都可以加入並編輯。',
  createFailedNetwork: '無法連線到伺服器以建立畫布。請檢查網路連線後再試一次。',
  createFailedServer: '伺服器無法建立畫布（錯誤 {status}）。請稍後再試。',
  createFailedBadResponse: '建立畫布時伺服器回應異常。請再試一次，或洽詢此伺服器的管理者。',

  recentBoardsHeading: '最近開啟的畫布',
  recentBoardsEmpty: '你開啟過的畫布會列在這裡，這份清單只存在此裝置。',
  recentBoardName: '畫布 {boardId}',
  recentBoardOpened: '開啟於 {when}',
  recentBoardRemove: '移除',
  recentBoardRemoveLabel: '從清單移除畫布 {boardId}（畫布本身會保留）',

  joinHeading: '加入畫布',
  joinLabel: '畫布連結或代碼',
  joinPlaceholder: 'https://…/b/… 或畫布代碼',
  joinSubmit: '開啟畫布',
  joinErrorEmpty: '請先貼上畫布連結或畫布代碼。',
  joinErrorNotBoardLink: '這個連結無法開啟畫布。畫布連結的結尾是 /b/ 加上畫布代碼。',
  joinErrorInvalidId: '畫布代碼格式不正確：應為 16 到 64 個英文字母、數字、「-」或「_」。',

  languageSwitchLabel: '語言：{current}。切換為 {other}',
  localeNameEn: 'English',
  localeNameZhTW: '繁體中文',

  nameDialogTitle: '要怎麼稱呼你？',
  nameDialogRenameTitle: '更改你的名稱',
  nameDialogHint: '你的名稱會顯示在共用畫布上你的游標旁，只儲存在此裝置。',
  nameLabel: '顯示名稱',
  nameSubmit: '繼續',
  nameSave: '儲存',
  nameCancel: '取消',
  nameRequired: '請輸入 1 到 {max} 個字的名稱。',
  userNameButtonLabel: '你目前顯示為 {name}。更改名稱',

  homeLink: '所有畫布',
  homeLinkLabel: '回到首頁',
  boardLabel: '畫布',
  copyLink: '複製連結',
  copyLinkLabel: '複製這個畫布的連結以邀請他人',
  linkCopied: '已複製連結',
  copyFailed: '無法複製，請改從網址列複製連結。',

  statusConnecting: '連線中…',
  statusConnected: '已連線',
  statusReconnecting: '重新連線中…',
  statusOffline: '離線',
  unsentChangesOne: '1 項變更尚未送出',
  unsentChangesMany: '{count} 項變更尚未送出',
  savedLocally: '已儲存在此裝置',
  statusOfflineHint: '你可以繼續編輯：變更會保存在此裝置，恢復連線後自動送出。',

  boardLoading: '正在開啟畫布…',
  errorNewerSchemaTitle: '這個畫布是由較新的版本儲存的。',
  errorNewerSchemaBody: '請重新載入頁面以更新。',
  reload: '重新載入',
  errorLoadFailedTitle: '無法載入這個畫布。',
  errorLoadFailedBody: '請檢查網路連線後再試一次。',
  errorDetails: '詳細資訊：{message}',
  retry: '再試一次',

  invalidLinkTitle: '找不到畫布',
  invalidLinkBody: '這個連結無法開啟畫布，請確認連結已完整複製。',
  pageNotFoundTitle: '找不到頁面',
  pageNotFoundBody: '這個網址沒有任何內容。',
  goHome: '回到首頁',
} as const satisfies Messages
