package locale

// The rules of a createInstances request (wizard, wizard/body): what is
// wrong with a draft or a body, the password checklist, the names of ids
// that match nothing. A message follows its field's JSON path
// ("instanceSpec.name: ..."), so most say only what is wrong with it.
// JSON paths, field names, ids and values (bgp, prepaid_by_duration,
// ssd.gp1) stay as they are.
func init() {
	addChinese(map[string]string{
		// Lists and counts.
		"%v, %v":         "%v、%v",
		"%v and %s more": "%v，另有 %s 个",
		"%s instance":    "%s 台实例",
		"%s instances":   "%s 台实例",
		"%s disk":        "%s 块云硬盘",
		"%s disks":       "%s 块云硬盘",
		"%s in %s":       "%[2]s %[1]s 台",

		// Characters a name, a password or a clientToken may not hold.
		"' ' (space)":                "' '（空格）",
		"a tab":                      "制表符",
		"an apostrophe (')":          "单引号（'）",
		"a byte that is not UTF-8":   "非 UTF-8 字节",
		"the control character U+%s": "控制字符 U+%s",
		"'%c'":                       "'%c'",

		// The instance name.
		"is required: 1 to 64 characters of Chinese, letters, digits, '_', '-' or '.'":                 "必填：1 到 64 个字符，可包含中文、字母、数字、'_'、'-' 或 '.'",
		"required: the instance name, 1 to 64 characters of Chinese, letters, digits, '_', '-' or '.'": "必填：实例名称，1 到 64 个字符，可包含中文、字母、数字、'_'、'-' 或 '.'",
		"must be 1 to 64 characters; has %s":                                                           "长度须为 1 到 64 个字符，当前为 %s 个",
		"contains %v, which is not allowed; use Chinese characters, letters, digits, '_', '-' or '.'":  "包含不允许的字符 %v；只能使用中文、字母、数字、'_'、'-' 或 '.'",
		"contains %v, which are not allowed; use Chinese characters, letters, digits, '_', '-' or '.'": "包含不允许的字符 %v；只能使用中文、字母、数字、'_'、'-' 或 '.'",
		"must not start with '.'": "不能以 '.' 开头",
		"must not end with '.'":   "不能以 '.' 结尾",

		// The password rules.
		"must be 8 to 26 characters; has %s":                                                            "长度须为 8 到 26 个字符，当前为 %s 个",
		"needs characters from 3 of 4 groups (uppercase, lowercase, digits, special); has %v":           "须包含大写字母、小写字母、数字、特殊字符中的至少 3 类，当前为 %v",
		"contains %v, which is not allowed; use letters, digits and only these special characters: %s":  "包含不允许的字符 %v；只能使用字母、数字和以下特殊字符：%s",
		"contains %v, which are not allowed; use letters, digits and only these special characters: %s": "包含不允许的字符 %v；只能使用字母、数字和以下特殊字符：%s",
		"contains the consecutive digits %s":                                                            "包含连续数字 %s",
		"and %s more consecutive-digit runs":                                                            "另有 %s 处连续数字",
		"contains the consecutive letters %s":                                                           "包含连续字母 %s",
		"and %s more consecutive-letter runs":                                                           "另有 %s 处连续字母",
		"contains the keyboard sequence %s":                                                             "包含键位连续字母 %s",
		"and %s more keyboard sequences":                                                                "另有 %s 处键位连续字母",
		"contains 'root'":                                                                               "包含 'root'",
		"contains 'root' reversed":                                                                      "包含 'root' 的逆序",
		"contains 'Administrator'":                                                                      "包含 'Administrator'",
		"contains 'Administrator' reversed":                                                             "包含 'Administrator' 的逆序",
		"shares '%s' with Administrator":                                                                "包含 Administrator 中的连续字符 '%s'",
		"and %s more parts shared with Administrator":                                                   "另有 %s 处与 Administrator 相同的连续字符",
		"uppercase": "大写字母",
		"lowercase": "小写字母",
		"digits":    "数字",
		"special":   "特殊字符",
		"upper":     "大写",
		"lower":     "小写",
		"none":      "0 类",
		"%s: %v":    "%s 类：%v",

		// The password checklist.
		"8 to 26 characters (%s)":                            "8 到 26 个字符（%s）",
		"3 of 4 groups: upper, lower, digits, special":       "大写、小写、数字、特殊字符至少 3 类",
		"only letters, digits and %s":                        "只含字母、数字和 %s",
		"no digit runs like 123 or 987":                      "无连续数字，如 123 或 987",
		"no letter runs like abc or CBA":                     "无连续字母，如 abc 或 CBA",
		"no keyboard runs like qwer or qaz":                  "无键位连续字母，如 qwer 或 qaz",
		"no root, Administrator, or their reverses":          "不含 root、Administrator 及其逆序",
		"no 3 letters in a row from Administrator, like Adm": "不含 Administrator 中 3 个及以上的连续字符，如 Adm",
		"too short":            "太短",
		"too long":             "太长",
		"has %v":               "当前为 %v",
		"found %v":             "发现 %v",
		"found %s":             "发现 %s",
		"found %s and %s more": "发现 %s，另有 %s 处",

		// Names given on the command line (--image, --vpc, --subnet, --sg).
		"image":                                "镜像",
		"VPC":                                  "私有网络",
		"subnet":                               "子网",
		"security group":                       "安全组",
		"%s %vs are named %q: %s; give the id": "有 %s 个%v名为 %q：%s；请指定 ID",
		"no %v has the id or name %q; did you mean %q?":                                          "没有 ID 或名称为 %[2]q 的%[1]v；您是否要找 %[3]q？",
		"no %v has the id or name %q":                                                            "没有 ID 或名称为 %[2]q 的%[1]v",
		"disk %q: the disk type is missing; write TYPE:GB, for example ssd.gp1:40":               "磁盘 %q：缺少云硬盘类型；请写成 TYPE:GB，例如 ssd.gp1:40",
		"disk %q: the size must be a whole number of GiB; write TYPE:GB, for example ssd.gp1:40": "磁盘 %q：容量须为整数 GiB；请写成 TYPE:GB，例如 ssd.gp1:40",

		// Zones and stock.
		"required: the availability zone, for example cn-hongkong-11a":          "必填：可用区，例如 cn-hongkong-11a",
		"zone %s is not in region %s (its zones are named %[2]sa, %[2]sb, ...)": "可用区 %s 不属于地域 %s（该地域的可用区名为 %[2]sa、%[2]sb……）",
		"zone %s is listed twice": "可用区 %s 重复列出",
		"a fixed private IP (%s) is one instance in one zone; choose one zone": "指定固定内网IP（%s）时只能在一个可用区创建一台实例；请只选一个可用区",
		"is sold out in every zone chosen (%s)":                                "在所选的全部可用区（%s）均已售罄",
		"is sold out in %s":                                                    "在 %s 已售罄",
		"is not sold in %s":                                                    "在 %s 不售卖",
		"%s %v":                                                                "%s %v",
		"disk type %s %v":                                                      "云硬盘类型 %s %v",
		"no subnet of %s is in %s":                                             "%s 在 %s 中没有子网",
		"no subnet of the VPC is in %s":                                        "私有网络在 %s 中没有子网",

		// Instance type and image.
		"required: the instance type, for example g.n2.large":            "必填：实例规格，例如 g.n2.large",
		"instance type %s does not exist in this region":                 "实例规格 %s 在此地域不存在",
		"instance type %s %v; choose another type or zone":               "实例规格 %s %v；请选择其他规格或可用区",
		"required: the image id (img-...)":                               "必填：镜像 ID（img-...）",
		"image %s not found in this region":                              "在此地域未找到镜像 %s",
		"image %s is not ready (its status is %s); choose a ready image": "镜像 %s 尚未就绪（状态为 %s）；请选择已就绪的镜像",
		"image %s does not support instance type %s":                     "镜像 %s 不支持实例规格 %s",

		// Login.
		"set either a password or a key pair (keyName), not both":                                "密码和密钥对（keyName）只能设置其一，不能同时设置",
		"required when passwordAuth is no: without SSH password login, a key pair is the way in": "passwordAuth 为 no 时必填：不允许 SSH 密码登录时，只能用密钥对登录",
		"key pairs work only with Linux images; %s is %s; use a password":                        "密钥对只适用于 Linux 镜像；%s 是 %s 镜像；请使用密码",
		"key pair %s not found in this region":                                                   "在此地域未找到密钥对 %s",
		"must be yes or no; got %q":                                                              "须为 yes 或 no，当前为 %q",

		// Billing and the elastic IP.
		"must be month or year; got %q":                                          "须为 month 或 year，当前为 %q",
		"must be 1 to 3 years; got %s":                                           "须为 1 到 3 年，当前为 %s",
		"must be 1 to 9 months; got %s":                                          "须为 1 到 9 个月，当前为 %s",
		"must be prepaid_by_duration: COC-VM instances are prepaid only; got %q": "须为 prepaid_by_duration：COC-VM 实例只支持包年包月；当前为 %q",
		"required: the bandwidth of the elastic IP, 1 to 200 Mbps":               "必填：弹性公网IP的带宽，1 到 200 Mbps",
		"must be 1 to 200 Mbps; got %s":                                          "须为 1 到 200 Mbps，当前为 %s",
		"required: bgp, the only line COC-VM offers":                             "必填：bgp，COC-VM 唯一提供的线路",
		"must be bgp, the only line COC-VM offers; got %q":                       "须为 bgp（COC-VM 唯一提供的线路），当前为 %q",
		"must be prepaid_by_duration, the only mode COC-VM offers; got %q":       "须为 prepaid_by_duration（COC-VM 唯一提供的计费模式），当前为 %q",
		"must be bandwidth, the only plan COC-VM offers; got %q":                 "须为 bandwidth（COC-VM 唯一提供的计费方案），当前为 %q",
		"must match the instances' charge unit (%s); got %s":                     "须与实例的计费单位（%s）一致，当前为 %s",
		"must match the instances' charge duration (%s); got %s":                 "须与实例的计费时长（%s）一致，当前为 %s",

		// Network.
		"required: the VPC of the instances (vpc-...)":                                                                   "必填：实例所在的私有网络（vpc-...）",
		"required: the subnet of the instances (subnet-...)":                                                             "必填：实例所在的子网（subnet-...）",
		"required: at least one security group ({\"groupId\": \"sg-...\"})":                                              "必填：至少一个安全组（{\"groupId\": \"sg-...\"}）",
		"required: the security group id (sg-...)":                                                                       "必填：安全组 ID（sg-...）",
		"%s is listed twice (also securityGroups[%s])":                                                                   "%s 重复列出（另见 securityGroups[%s]）",
		"security group %s not found in this region":                                                                     "在此地域未找到安全组 %s",
		"security group %s belongs to %s, not %s":                                                                        "安全组 %s 属于 %s，而不是 %s",
		"subnet %s not found in this region":                                                                             "在此地域未找到子网 %s",
		"subnet %s belongs to %s, not %s":                                                                                "子网 %s 属于 %s，而不是 %s",
		"subnet %s is in zone %s; the instances are in %s":                                                               "子网 %s 位于可用区 %s；实例位于 %s",
		"subnet %s has %s free addresses; %s instances need one each":                                                    "子网 %s 只有 %s 个可用地址；%s 台实例各需一个",
		"%q is not a valid IP address (for example 10.0.1.12)":                                                           "%q 不是有效的 IP 地址（例如 10.0.1.12）",
		"%s cannot be a host address (loopback, multicast, link-local, broadcast or unspecified)":                        "%s 不能用作主机地址（环回、组播、链路本地、广播或未指定地址）",
		"subnet %s (%s) does not support IPv6":                                                                           "子网 %s（%s）不支持 IPv6",
		"%s is outside subnet %s (%s)":                                                                                   "%s 不在子网 %s（%s）内",
		"%s is the network address of %s; choose a host address":                                                         "%s 是 %s 的网络地址；请选择主机地址",
		"%s is the broadcast address of %s; choose a host address":                                                       "%s 是 %s 的广播地址；请选择主机地址",
		"%s is reserved by JD Cloud in %s (the second address and the two before the broadcast address); choose another": "%s 是京东云在 %s 中的保留地址（第二个地址及广播地址前的两个地址）；请选择其他地址",

		// Disks.
		"required: the system disk type, for example ssd.gp1":                  "必填：系统盘类型，例如 ssd.gp1",
		"required: the data disk type, for example ssd.gp1":                    "必填：数据盘类型，例如 ssd.gp1",
		"must be at least %s GiB, the size image %s needs; got %s":             "至少须为 %s GiB（镜像 %s 所需的容量），当前为 %s",
		"at most %s data disks (%s disks with the system disk for %s); has %s": "最多 %s 块数据盘（%[3]s 连同系统盘共 %[2]s 块）；当前为 %[4]s 块",
		"at most %s data disks (%s disks with the system disk); has %s":        "最多 %s 块数据盘（连同系统盘共 %s 块）；当前为 %s 块",
		"must be %s to %s GiB; got %s":                                         "须为 %s 到 %s GiB，当前为 %s",
		"must be a multiple of 10 GiB; got %s":                                 "须为 10 GiB 的整数倍，当前为 %s",
		"disk type %s %v; choose another disk type":                            "云硬盘类型 %s %v；请选择其他云硬盘类型",
		"unknown disk type %q; choose one of %s":                               "未知的云硬盘类型 %q；请从以下类型中选择：%s",
		"not given, so the service's default size applies; createInstances documents no default, so give a size (20 to 32000 GiB, in steps of 10) to know what you get": "未指定，将使用服务的默认容量；createInstances 未说明默认值，请指定容量（20 到 32000 GiB，以 10 为步长）以确定实际大小",

		// Count, clientToken and quotas.
		"must be 1 to 100; got %s": "须为 1 到 100，当前为 %s",
		"one request creates at most 100 instances; got %s (cocvm create splits larger counts into several requests)": "一个请求最多创建 100 台实例，当前为 %s（cocvm create 会把更大的数量拆成多个请求）",
		"must be 1 when a fixed IP is given (%s); got %s":                                                             "指定固定 IP（%s）时须为 1，当前为 %s",
		"must be at most 64 characters; has %s":                                                                       "最多 64 个字符，当前为 %s 个",
		"may hold only printable ASCII characters (letters, digits, punctuation, no spaces); found %v":                "只能包含可打印的 ASCII 字符（字母、数字、标点，不含空格）；发现 %v",
		"is not valid UTF-8 text":                  "不是有效的 UTF-8 文本",
		"%s left (%s of %s used)":                  "剩余 %s（已用 %s/%s）",
		"%s GiB left (%s of %s GiB used)":          "剩余 %s GiB（已用 %s/%s GiB）",
		"the instance quota has %v; asking for %s": "实例配额%v；本次需要 %s 台",
		"the cloud disk quota has %v; asking for %s (%v × %v, the system disk included)": "云硬盘配额%v；本次需要 %s 块（%v × %v，含系统盘）",
		"the cloud disk capacity quota has %v; asking for %s GiB (%v × %s GiB)":          "云硬盘容量配额%v；本次需要 %s GiB（%v × %s GiB）",
		"the elastic IP quota has %v; asking for %s (one per instance)":                  "弹性公网IP配额%v；本次需要 %s 个（每台实例一个）",
	})
}
