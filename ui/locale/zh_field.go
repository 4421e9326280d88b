package locale

// The form components of the wizard's steps (ui/field): a list loaded from
// the API, a choice, a data disk row, and their keys.
func init() {
	addChinese(map[string]string{
		// Keys.
		"up":                     "上移",
		"down":                   "下移",
		"page up":                "上一页",
		"page down":              "下一页",
		"first":                  "第一行",
		"last":                   "最后一行",
		"filter":                 "筛选",
		"clear the filter":       "清除筛选",
		"toggle":                 "选中/取消",
		"choose the row":         "选择此行",
		"back to the choice":     "回到已选项",
		"choose":                 "选择",
		"retry a failed look-up": "重新查询失败的列表",
		"type an id by hand":     "手动输入 ID",
		"choose, go on":          "选择并继续",
		"disk type":              "云硬盘类型",
		"remove disk":            "删除数据盘",

		// A list.
		"%d matches":                                 "%d 项匹配",
		"nothing to choose from":                     "没有可选项",
		"looking up %s…":                             "正在查询%s…",
		"(chosen: %s)":                               "（已选：%s）",
		"✗ could not load: ":                         "✗ 无法加载：",
		"rows %s–%s of %s · ↑/↓ pgup/pgdn":           "第 %s–%s 行，共 %s 行 · ↑/↓ pgup/pgdn",
		"no match for \"%s\" · %s clears the filter": "没有与“%s”匹配的项 · 按 %s 清除筛选",
		"✗ %s cannot be chosen: %s":                  "✗ %s 不可选：%s",
		"none selected":                              "未选择",
		"%s selected: %s":                            "已选 %s 项：%s",
		"type an id":                                 "输入 ID",
		"id: ":                                       "ID：",
		"%s to use it · %s cancels":                  "按 %s 使用 · 按 %s 取消",
		"%s retry · ":                                "按 %s 重试 · ",
		"(using %s)":                                 "（使用 %s）",

		// A choice, a data disk.
		"✗ %s: %s": "✗ %s：%s",
		"Data %d":  "数据盘 %d",
	})
	addPlurals(map[string]pluralForms{
		"%d matches": {1, "%d match", "%d matches"},
	})
}
