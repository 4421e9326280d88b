package locale

// What presets says to a person: errors in config.toml and preset files
// (with their line, the key at fault and what to do), import and export,
// the journal (日志) and its warnings, and the preset store. English source
// string -> Simplified Chinese. TOML keys, flags, commands and file names
// stay as they are; the files cocvm writes stay English.
func init() {
	addChinese(map[string]string{
		// atomic.go
		"writing %s: %v":                        "写入 %s 失败：%v",
		"writing %s: syncing its directory: %v": "写入 %s 失败：同步其所在目录时出错：%v",

		// catalogcache.go
		"caching %s: %v": "缓存 %s 失败：%v",

		// config.go
		"reading %s: %v": "读取 %s 失败：%v",
		"%s can be read by other users (mode %04o) and holds your secret key: run `chmod 600 %s`": "%s 可被其他用户读取（权限 %04o），而其中保存着您的 SecretKey：请运行 `chmod 600 %s`",
		"%s is open to other users (mode %04o): run `chmod 700 %s`":                               "%s 对其他用户开放（权限 %04o）：请运行 `chmod 700 %s`",
		"saving %s: profile name %q: use a non-empty name without control characters":             "保存 %s 失败：配置名称 %q 无效：请使用不含控制字符的非空名称",
		"saving %s: %v": "保存 %s 失败：%v",
		"Correct that line; cocvm leaves the file as it is":                 "请修改该行；cocvm 不会改动此文件",
		"calls_per_second must be positive (or left out for the default 5)": "calls_per_second 必须为正数（或不填，使用默认值 5）",
		"a profile needs a name without control characters, found %q":       "配置名称不能含有控制字符，但此处为 %q",

		// errors.go
		"%s:%s: %s. %s": "%[1]s 第 %[2]s 行：%[3]s。%[4]s",
		"%s:%s: %s":     "%[1]s 第 %[2]s 行：%[3]s",
		"%s: %s. %s":    "%s：%s。%s",
		"%s: %s":        "%s：%s",

		// export.go
		"exported by a newer cocvm (preset schema %d; this cocvm reads up to %d): update cocvm to import it":                                                                                          "由更新版本的 cocvm 导出（预设格式版本 %d；当前 cocvm 最高只能读取 %d）：请升级 cocvm 后再导入",
		"\"cocvmPreset\" is %d, not a preset format version (expected %d)":                                                                                                                            "\"cocvmPreset\" 为 %d，不是有效的预设格式版本（应为 %d）",
		"%v (choose another with --name)":                                                                                                                                                             "%v（请用 --name 另取名称）",
		"the password in the file was dropped: presets never hold a password; give it with --password-stdin or in the wizard when creating":                                                           "已丢弃文件中的密码：预设从不保存密码；创建时请通过 --password-stdin 或在向导中提供密码",
		"\"updated\" is not a time as cocvm writes it (RFC 3339, such as 2025-01-02T03:04:05Z)":                                                                                                       "\"updated\" 不是 cocvm 写入的时间格式（RFC 3339，例如 2025-01-02T03:04:05Z）",
		"neither a cocvm preset export (it has no \"cocvmPreset\" key) nor a createInstances body (it has no \"instanceSpec\" key)":                                                                   "既不是 cocvm 导出的预设（没有 \"cocvmPreset\" 键），也不是 createInstances 请求体（没有 \"instanceSpec\" 键）",
		"a createInstances body has no preset name: give one with --name":                                                                                                                             "createInstances 请求体中没有预设名称：请用 --name 指定",
		"the password in the body was dropped: presets never hold a password; give it with --password-stdin or in the wizard when creating":                                                           "已丢弃请求体中的密码：预设从不保存密码；创建时请通过 --password-stdin 或在向导中提供密码",
		"the body's clientToken was dropped: each create gets a fresh one, so the preset can be used more than once":                                                                                  "已丢弃请求体中的 clientToken：每次创建都会生成新的 clientToken，因此该预设可以重复使用",
		"a createInstances body does not say its region (that is part of the request URL), so the preset has none yet: give it with --region when creating from it, or set region in the preset file": "createInstances 请求体中不含地域（地域是请求 URL 的一部分），因此该预设暂无地域：用它创建时请用 --region 指定，或在预设文件中设置 region",

		// journal.go
		"the journal record of %s has no request body (written by an older cocvm)":          "%s 的日志记录中没有请求体（由旧版本 cocvm 写入）",
		"the journal record of %s cannot be read: %v":                                       "无法读取 %s 的日志记录：%v",
		"the journal record of %s holds the body of another request (%s)":                   "%s 的日志记录中保存的是另一个请求（%s）的请求体",
		"journal record type %q: want one of %v":                                            "日志记录类型 %q 无效：应为 %v 之一",
		"writing the journal %s: %v":                                                        "写入日志 %s 失败：%v",
		"no request has been submitted yet":                                                 "尚未提交过任何请求",
		"%v (the journal %s does not exist)":                                                "%v（日志 %s 不存在）",
		"reading the journal %s: %v":                                                        "读取日志 %s 失败：%v",
		"this line is not a journal record, and no other line is a submitted request":       "该行不是日志记录，且没有其他行是已提交的请求",
		"cocvm leaves the journal as it is; watch instances by id with `cocvm watch ID...`": "cocvm 不会改动日志；请用 `cocvm watch ID...` 按实例 ID 查看实例",
		"%v (the journal %s holds none)":                                                    "%v（日志 %s 中没有请求）",
		"this line is not a journal record (cut short by a crash?) and was skipped":         "该行不是日志记录（可能因崩溃而被截断），已跳过",
		"It may have been a newer request; cocvm leaves the journal as it is":               "它可能是一个更新的请求；cocvm 不会改动日志",

		// preset.go
		"use 1 to 64 letters (a-z, A-Z), digits, '-', '_' or '.', not starting with '.'": "请使用 1 到 64 个字母（a-z、A-Z）、数字、'-'、'_' 或 '.'，且不能以 '.' 开头",
		"preset name is empty: %s":                 "预设名称为空：%s",
		"preset name is %d characters long: %s":    "预设名称长 %d 个字符：%s",
		"preset name %q starts with '.': %s":       "预设名称 %q 以 '.' 开头：%s",
		"preset name %q has %s at position %d: %s": "预设名称 %[1]q 的第 %[3]d 个字符是 %[2]s：%[4]s",
		"Correct that line (or delete the file to drop the preset); cocvm leaves the file as it is": "请修改该行（或删除此文件以删除该预设）；cocvm 不会改动此文件",
		"a preset never holds a password": "预设从不保存密码",
		"Delete that line and give the password with --password-stdin or in the wizard; cocvm leaves the file as it is": "请删除该行，并通过 --password-stdin 或在向导中提供密码；cocvm 不会改动此文件",
		"no schema key, so its format is unknown":                                "缺少 schema 键，无法确定其格式",
		"Add the line `schema = %d` at the top if it was written for this cocvm": "如果它是为当前版本的 cocvm 编写的，请在文件开头加上一行 `schema = %d`",
		"written by a newer cocvm (preset schema %d; this cocvm reads up to %d)": "由更新版本的 cocvm 写入（预设格式版本 %d；当前 cocvm 最高只能读取 %d）",
		"Update cocvm to use it; the file is left as it is":                      "请升级 cocvm 后再使用；此文件保持不变",
		"schema %d is not a preset format version":                               "schema %d 不是有效的预设格式版本",
		"Set `schema = %d`": "请设置 `schema = %d`",

		// store.go
		"reading presets: %v": "读取预设失败：%v",
		"%v":                  "%v",
		"Rename the file to a valid name to use it as a preset":    "请将文件重命名为有效的名称，才能作为预设使用",
		"no preset named %q (`cocvm presets list` shows them): %v": "没有名为 %q 的预设（`cocvm presets list` 可列出全部预设）：%v",
		"reading preset %q: %v":                                    "读取预设 %q 失败：%v",
		"saving preset %q: %v":                                     "保存预设 %q 失败：%v",
		"deleting preset %q: %v":                                   "删除预设 %q 失败：%v",
		"file does not exist":                                      "文件不存在",

		// tomlread.go
		"not valid TOML: %s":                   "不是有效的 TOML：%s",
		"cannot be read: %s":                   "无法读取：%s",
		"unknown key %s":                       "未知的键 %s",
		"%s must be %s, not a table":           "%s 必须是%s，而不是表",
		"unknown key %q %s":                    "%[2]s有未知的键 %[1]q",
		"unknown key %q %s (did you mean %q?)": "%[2]s有未知的键 %[1]q（您是否要写 %[3]q？）",
		"%s must be %s, but holds %s":          "%s 必须是%s，但其中包含%s",
		"%s must be %s, not %s":                "%s 必须是%s，而不是%s",
		"at the top level":                     "顶层",
		"in [[%s]] number %s":                  "第 %[2]s 个 [[%[1]s]] 中",
		"in [%s]":                              "[%s] 中",
		"a date and time such as 2025-01-02T15:04:05Z (no quotes)": "日期时间，例如 2025-01-02T15:04:05Z（不加引号）",
		"a string in quotes":                 "带引号的字符串",
		"a whole number":                     "整数",
		"true or false (no quotes)":          "true 或 false（不加引号）",
		"a list of tables ([[%s]] sections)": "表数组（[[%s]] 小节）",
		"a table":                            "表",
		"a string":                           "字符串",
		"an integer":                         "整数",
		"a decimal number":                   "小数",
		"true/false":                         "true/false",
		"a date/time":                        "日期时间",
		"an array":                           "数组",
		"a list of tables":                   "表数组",

		// unresolved.go
		"no create is waiting to be resumed":                    "没有等待恢复的创建请求",
		"%v: the journal %s has no request with clientToken %s": "%v：日志 %s 中没有 clientToken 为 %s 的请求",
		"%v: every create in the journal %s has an outcome":     "%v：日志 %s 中的每个创建请求都已有结果",
		"%s; %s":                             "%s；%s",
		"%v: the outcome of %s is known: %s": "%v：%s 的结果已知：%s",
		"%s was accepted (%d instances: %s)": "%s 已被接受（%d 台实例：%s）",
		"%s was refused: %s":                 "%s 被拒绝：%s",
		"%s was never sent":                  "%s 从未发送",
		"%s %s":                              "%s %s",
	})
}
