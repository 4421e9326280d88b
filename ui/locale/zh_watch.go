package locale

// The status panel and the plain lines of a watch (ui/watch): English
// source string -> Simplified Chinese, in JD Cloud console words (地域, 可用区, 实例规格, 镜像, 私有网络,
// 子网, 安全组, 系统盘, 数据盘, 弹性公网IP, 包年包月, 自动续费, 密钥对, 配额).
// Ids, flags, commands and API field names stay as they are; Chinese has
// one plural form, so a counted message needs a single entry.
func init() {
	addChinese(map[string]string{
		// Counted words and the status panel's title.
		"%d instances":          "%d 台实例",
		"Watching %d instances": "正在查看 %d 台实例",
		"Creating %d × %s":      "正在创建 %d 台 %s",
		"SANDBOX":               "沙箱",
		"request %s":            "请求 %s",
		"token %s":              "token %s",
		" (%s)":                 "（%s）",
		", ":                    "，",
		"%s, %s":                "%s、%s",
		"%d s":                  "%d 秒",

		// Status words (the API's status, or what became of an instance).
		"pending":    "创建中",
		"starting":   "启动中",
		"running":    "运行中",
		"stopping":   "停止中",
		"stopped":    "已停止",
		"rebooting":  "重启中",
		"rebuilding": "重装系统中",
		"resizing":   "调整配置中",
		"error":      "错误",
		"deleting":   "删除中",
		"deleted":    "已删除",
		"failed":     "失败",
		"not found":  "未找到",

		// The table's columns.
		"NAME":       "名称",
		"INSTANCE":   "实例 ID",
		"STATUS":     "状态",
		"ELAPSED":    "耗时",
		"PRIVATE IP": "内网IP",
		"PUBLIC IP":  "公网IP",

		// Counts on the bar and in the summary.
		"%d of %d running":                   "%d/%d 运行中",
		"%d pending":                         "%d 创建中",
		"%d running":                         "%d 运行中",
		"%d in error":                        "%d 错误",
		"%d failed":                          "%d 失败",
		"%d not found":                       "%d 未找到",
		"%d failed and retried":              "%d 失败后已重试",
		"%d still pending, stopped watching": "%d 仍在创建中，已停止查看",
		"%d unknown, stopped watching":       "%d 状态未知，已停止查看",
		"✓ %d running":                       "✓ %d 运行中",
		"✗ %d failed":                        "✗ %d 失败",
		"✗ %d not found":                     "✗ %d 未找到",
		"✗ %d not created":                   "✗ %d 未创建",
		"◌ %d still pending":                 "◌ %d 仍在创建中",
		"◌ %d unknown":                       "◌ %d 状态未知",

		// The check line and the footer.
		"checking now…":           "正在检查…",
		"next check in <1 s":      "不到 1 秒后再次检查",
		"next check in %s":        "%s后再次检查",
		"! last check failed: %s": "! 上次检查失败：%s",
		" · rows %s–%s of %s · ":  " · 第 %s–%s 行，共 %s 行 · ",
		"%d instances not found yet in %s; still looking for %s (another region? --region)": "%d 台实例在 %s 中尚未找到；将继续查找 %s（在其他地域？用 --region 指定）",
		"%s to see this again": "用 %s 再次查看",
		"%s and %d more":       "%s 及另外 %d 台",
		"… see all with %s":    "… 用 %s 查看全部",
		"Terminal too small (%d×%d): the status panel needs at least %d×%d. %d of %d running. q stop watching.": "终端太小（%d×%d）：状态面板至少需要 %d×%d。%d/%d 运行中。按 q 停止查看。",

		// Keys.
		"retry the %d failed":                      "重试 %d 台失败的实例",
		"create the %d missing":                    "创建缺少的 %d 台实例",
		"create the %d failed or missing":          "重新创建失败或缺少的 %d 台实例",
		"save as preset":                           "保存为预设",
		"quit":                                     "退出",
		"stop watching (the instances keep going)": "停止查看（实例继续创建）",
		"scroll": "滚动",

		// Why an instance failed.
		"went to error and was deleted by the platform: not charged, quota released.":                        "进入错误状态，已被平台删除：不计费，配额已释放。",
		"went to error and were deleted by the platform: not charged, quota released.":                       "进入错误状态，已被平台删除：不计费，配额已释放。",
		"ended %s instead of running; it will not come up by itself.":                                        "最终状态为%s，而非运行中；不会自行恢复。",
		"ended %s instead of running; they will not come up by itself.":                                      "最终状态为%s，而非运行中；不会自行恢复。",
		"was not found in %s: it may have failed and been deleted already, or the id or region is wrong.":    "在 %s 中未找到：可能已创建失败并被删除，或实例 ID、地域有误。",
		"were not found in %s: they may have failed and been deleted already, or the id or region is wrong.": "在 %s 中未找到：可能已创建失败并被删除，或实例 ID、地域有误。",
		"was still %s after %d minutes, so the watch gave up; it may still come up.":                         "%[2]d 分钟后仍为%[1]s，已停止查看；实例仍可能启动。",
		"were still %s after %d minutes, so the watch gave up; they may still come up.":                      "%[2]d 分钟后仍为%[1]s，已停止查看；实例仍可能启动。",
		"deleted by the platform, not charged, quota released":                                               "已被平台删除，不计费，配额已释放",
		"ended %s instead of running":                                           "最终状态为%s，而非运行中",
		"no such instance in %s (already deleted, or another region)":           "%s 中没有此实例（已删除，或在其他地域）",
		"still %s after %d minutes, stopped watching (it may still come up)":    "%[2]d 分钟后仍为%[1]s，已停止查看（仍可能启动）",
		"not found yet in %s; still looking for %s before calling it not found": "在 %s 中尚未找到；将继续查找 %s 后再判定为未找到",

		// Plain lines and the farewell.
		"%s submitted %s in %s":          "%s 已提交：%[3]s 中 %[2]s",
		"%s watching %d instances in %s": "%s 正在查看 %[3]s 中的 %[2]d 台实例",
		"%s %s: %s":                      "%s %s：%s",
		"%s, public %s":                  "%s，公网 %s",
		"public %s":                      "公网 %s",
		"check failed: %s":               "检查失败：%s",
		"the status panel: %v":           "状态面板：%v",
		"check failed: %s; giving up: the API refused %d checks in a row": "检查失败：%s；放弃：API 连续拒绝了 %d 次检查",
		"; trying again in %s": "；%s后重试",
		"%s done: %s\n":        "%s 完成：%s\n",
		"%s stopped watching: the instances keep going; see them again with %s\n": "%s 已停止查看：实例继续创建；用 %s 再次查看\n",
		"Stopped watching: the instances keep going. See them again with: %s\n":   "已停止查看：实例继续创建。再次查看：%s\n",
		"Stopped watching: the API refused %d checks in a row: %s\n":              "已停止查看：API 连续拒绝了 %d 次检查：%s\n",
		"✗ stopped watching: the API refused %d checks in a row: %s":              "✗ 已停止查看：API 连续拒绝了 %d 次检查：%s",
		"  … and %d more: %s\n": "  … 另有 %d 台：%s\n",
	})
	addPlurals(map[string]pluralForms{
		"%d instances":                   {1, "%d instance", "%d instances"},
		"Watching %d instances":          {1, "Watching %d instance", "Watching %d instances"},
		"%s watching %d instances in %s": {2, "%s watching %d instance in %s", "%s watching %d instances in %s"},
		"%d instances not found yet in %s; still looking for %s (another region? --region)": {1,
			"%d instance not found yet in %s; still looking for %s (another region? --region)",
			"%d instances not found yet in %s; still looking for %s (another region? --region)"},
	})
}
