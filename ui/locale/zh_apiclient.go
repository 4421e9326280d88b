package locale

// What apiclient says to a person: the explanations of API and network
// errors (Explanation.Summary and Next; the Chinese field is the
// createInstances page's own wording and is not here), the client's errors
// and the words of its typed errors' Text methods. English source string ->
// Simplified Chinese, in JD Cloud console words. The API's own status and
// message, ids, flags, URLs and API field names stay as they are.
func init() {
	addChinese(map[string]string{
		// catalog.go
		"invalid image id %q": "镜像 ID %q 无效",

		// client.go
		"apiclient: access key and secret key are both required":                                 "apiclient：必须同时提供 AccessKey 和 SecretKey",
		"invalid region id %q: expected lower-case letters, digits and '-', e.g. cn-hongkong-11": "地域 ID %q 无效：只能包含小写字母、数字和 '-'，例如 cn-hongkong-11",
		"%s %s: %v":                                 "%s %s：%v",
		"build request: %v":                         "构造请求失败：%v",
		"reading the response: %v":                  "读取响应失败：%v",
		"response without a result (request id %s)": "响应中没有返回结果（请求 ID %s）",
		"decode result (request id %s): %v":         "无法解析返回结果（请求 ID %s）：%v",

		// credentials.go
		"profile not found":                                                         "找不到该配置",
		"JD Cloud CLI config %s: %v":                                                "京东云 CLI 配置文件 %s：%v",
		"read JD Cloud CLI config: %v":                                              "读取京东云 CLI 配置文件失败：%v",
		"JD Cloud CLI config %s is not a valid INI file":                            "京东云 CLI 配置文件 %s 不是有效的 INI 文件",
		"JD Cloud CLI config %s: %v: %q (profiles: none)":                           "京东云 CLI 配置文件 %s：%v：%q（文件中没有任何配置）",
		"JD Cloud CLI config %s: %v: %q (profiles: %s)":                             "京东云 CLI 配置文件 %s：%v：%q（现有配置：%s）",
		"JD Cloud CLI config %s, profile %q: %s and %s not set":                     "京东云 CLI 配置文件 %s 的配置 %q：未设置 %s 和 %s",
		"JD Cloud CLI config %s, profile %q: %s not set":                            "京东云 CLI 配置文件 %s 的配置 %q：未设置 %s",
		"JD Cloud CLI config %s, profile %q: scheme %q is neither http nor https":   "京东云 CLI 配置文件 %s 的配置 %q：scheme %q 既不是 http 也不是 https",
		"JD Cloud CLI config %s, profile %q: timeout %q is not a number of seconds": "京东云 CLI 配置文件 %s 的配置 %q：timeout %q 不是秒数",

		// endpoint.go
		"plain http:// is only allowed to this machine (127.0.0.1, ::1, localhost); the request body carries the instance password, so use https:// (or --insecure to send it in the clear anyway)": "明文 http:// 只允许连接本机（127.0.0.1、::1、localhost）；请求体中带有实例密码，请使用 https://（如仍要明文发送，请加 --insecure）",
		"not a URL":                                   "不是 URL",
		"scheme %q is neither http nor https":         "协议 %q 既不是 http 也不是 https",
		"expected scheme://host[:port][/path prefix]": "格式应为 scheme://host[:port][/路径前缀]",

		// errors.go
		"HTTP %d with a body that is not a JD Cloud API response: %s": "HTTP %d，返回内容不是京东云 API 响应：%s",
		"HTTP %d with a body that is not a JD Cloud API response":     "HTTP %d，返回内容不是京东云 API 响应",
		"%s":                 "%s",
		"%s (request id %s)": "%s（请求 ID %s）",
		"the gateway refused it as a replay of an earlier delivery although it was signed afresh: %v": "尽管每次都重新签名，网关仍将其视为之前请求的重放而拒绝：%v",
		"no answer":                       "无响应",
		"no answer within %s":             "%s 内无响应",
		"no usable answer":                "没有可用的响应",
		"%s %s: %s after %d attempts: %v": "%[1]s %[2]s：尝试 %[4]d 次后%[3]s：%[5]v",
		"%s %s: %s: %v":                   "%s %s：%s：%v",
		"endpoint %s: %s":                 "接入地址 %s：%s",

		// explain.go
		"Cancelled before the API answered.": "在 API 响应之前已取消。",
		"Nothing more will be sent. A create that was already on its way may still go through: check the instances before submitting again, with the same clientToken.": "不会再发送任何请求。已发出的创建请求仍可能生效：再次提交前请先查看实例，并使用相同的 clientToken。",
		"The API did not answer in time.":                                                                       "API 未在规定时间内响应。",
		"An earlier attempt got no answer, and the API refused the retry: %v":                                   "之前的一次尝试没有收到响应，重试又被 API 拒绝：%v",
		"Check the network and try again; resubmitting a create with the same clientToken cannot create twice.": "请检查网络后重试；使用相同 clientToken 重新提交创建请求不会重复创建。",
		"The endpoint %s cannot be used: %s.":                                                                   "接入地址 %s 不可用：%s。",
		"Use an https:// endpoint (plain http:// is for a local sandbox).":                                      "请使用 https:// 接入地址（明文 http:// 仅用于本地沙箱）。",
		"Try again in a few minutes (resubmitting a create with the same clientToken cannot create twice); if it keeps failing, open a ticket at %s quoting the request id.": "请几分钟后重试（使用相同 clientToken 重新提交创建请求不会重复创建）；如果多次尝试仍失败，请在 %s 提交工单并注明请求 ID。",
		"Instance type %s does not exist in this region.":                                                "该地域不存在实例规格 %s。",
		"Pick an instance type from those sold in this region and zone.":                                 "请从该地域和可用区在售的实例规格中选择。",
		"Subnet %s does not exist in this region.":                                                       "该地域不存在子网 %s。",
		"Pick a subnet of the chosen VPC in this region; subnets belong to one region.":                  "请选择该地域中所选私有网络下的子网；子网只属于一个地域。",
		"Security group %s does not exist in this region.":                                               "该地域不存在安全组 %s。",
		"Pick security groups of the chosen VPC in this region.":                                         "请选择该地域中所选私有网络下的安全组。",
		"Key pair %s does not exist in this region.":                                                     "该地域不存在密钥对 %s。",
		"Pick a key pair of this region, or create one in the console (key pairs belong to one region).": "请选择该地域的密钥对，或在控制台创建一个（密钥对只属于一个地域）。",
		"Image %s does not exist in this region.":                                                        "该地域不存在镜像 %s。",
		"Pick an image of this region; private images exist only in the region they were made in.":       "请选择该地域的镜像；私有镜像只存在于制作它的地域。",
		"The request lacks the required parameter %s.":                                                   "请求缺少必填参数 %s。",
		"Fill in %s and submit again.":                                                                   "请填写 %s 后重新提交。",
		"The API rejected the password: it breaks JD Cloud's password rules.":                            "API 拒绝了该密码：不符合京东云的密码规则。",
		"Choose 8 to 26 characters with three of: digits, lower-case, upper-case, specials (%s); no runs such as 123, abc or qwer, and nothing of root or Administrator. Or log in with a key pair instead.": "请使用 8 到 26 个字符，至少包含数字、小写字母、大写字母、特殊字符（%s）中的 3 类；不能含有 123、abc、qwer 这样的连续字符，也不能含有 root 或 Administrator 的任何部分。也可以改用密钥对登录。",
		"Disk type %s is sold out here.": "云硬盘类型 %s 在此可用区已售罄。",
		"Pick another disk type (ssd.gp1, ssd.io1, hdd.std1) or another availability zone.": "请选择其他云硬盘类型（ssd.gp1、ssd.io1、hdd.std1）或其他可用区。",
		"Image %s is not ready to use.":                                      "镜像 %s 尚不可用。",
		"Wait until the image's status is \"ready\", or pick another image.": "请等待镜像状态变为“ready”，或选择其他镜像。",
		"The image does not run on instance type %s.":                        "该镜像不支持实例规格 %s。",
		"Pick an instance type the image supports, or another image.":        "请选择该镜像支持的实例规格，或换一个镜像。",
		"The number of instances is out of range.":                           "实例数量超出允许范围。",
		"Create 1 to 100 instances per request, and exactly 1 when a private IP is given; larger fleets go in several requests.": "每个请求可创建 1 到 100 台实例，指定内网IP时只能创建 1 台；更多实例请分多个请求创建。",
		"The system disk size is out of range.":                                                                                                       "系统盘容量超出允许范围。",
		"Use 40 to 500 GiB in steps of 10, and at least the image's own system disk size.":                                                            "请使用 40 到 500 GiB、以 10 为步长的容量，且不小于镜像自身的系统盘容量。",
		"A data disk size is out of range.":                                                                                                           "数据盘容量超出允许范围。",
		"Use 20 to 32000 GiB in steps of 10 for each data disk.":                                                                                      "每块数据盘请使用 20 到 32000 GiB、以 10 为步长的容量。",
		"Subnet %s does not support IPv6.":                                                                                                            "子网 %s 不支持 IPv6。",
		"Pick another subnet of the VPC, or enable IPv6 on this one in the console.":                                                                  "请选择该私有网络的其他子网，或在控制台为此子网开启 IPv6。",
		"The cloud disk quota of this region is used up (system disks count too).":                                                                    "该地域的云硬盘配额已用完（系统盘也计入在内）。",
		"Use fewer data disks or a lower count, or ask for more quota with a ticket at %s.":                                                           "请减少数据盘或降低创建数量，或在 %s 提交工单申请提高配额。",
		"The cloud disk capacity quota of this region is used up.":                                                                                    "该地域的云硬盘容量配额已用完。",
		"Use smaller disks or a lower count, or ask for more quota with a ticket at %s.":                                                              "请使用更小的云硬盘或降低创建数量，或在 %s 提交工单申请提高配额。",
		"The elastic IP quota of this region is used up.":                                                                                             "该地域的弹性公网IP配额已用完。",
		"Create the instances without an elastic IP or with a lower count, or ask for more quota with a ticket at %s.":                                "请不带弹性公网IP创建实例或降低创建数量，或在 %s 提交工单申请提高配额。",
		"The instance quota of this region is used up.":                                                                                               "该地域的实例配额已用完。",
		"Lower the count, or ask for more quota with a ticket at %s. Instances that failed to create release their quota.":                            "请降低创建数量，或在 %s 提交工单申请提高配额。创建失败的实例会释放其占用的配额。",
		"JD Cloud had an internal error.":                                                                                                             "京东云发生了内部错误。",
		"The service is temporarily unavailable.":                                                                                                     "服务暂时不可用。",
		"JD Cloud does not know this access key.":                                                                                                     "京东云无法识别此 AccessKey。",
		"Check the access key, or create a key pair at https://uc.jdcloud.com/accesskey/index.":                                                       "请检查 AccessKey，或在 https://uc.jdcloud.com/accesskey/index 创建新的访问密钥。",
		"The request's signature did not match: the secret key is most likely wrong.":                                                                 "请求签名不匹配：很可能是 SecretKey 有误。",
		"Check that the secret key belongs to the access key. With a custom endpoint, check the service names too.":                                   "请确认 SecretKey 与 AccessKey 是同一对。如使用自定义接入地址，还请检查服务名称。",
		"The request's time is too far from the server's clock.":                                                                                      "请求时间与服务器时间相差过大。",
		"Set this machine's clock right (enable NTP) and try again.":                                                                                  "请校准本机时钟（开启 NTP）后重试。",
		"The gateway saw this exact request before and refused the replay.":                                                                           "网关之前收到过完全相同的请求，已拒绝此次重放。",
		"Try again: every new attempt carries a fresh nonce.":                                                                                         "请重试：每次新的尝试都会使用新的随机数（nonce）。",
		"The gateway did not receive a header the signature needs.":                                                                                   "网关没有收到签名所需的请求头。",
		"A proxy between this machine and JD Cloud may be stripping headers; try without it (unset HTTPS_PROXY) or ask its administrator.":            "本机与京东云之间的代理可能删掉了请求头；请不经代理重试（取消设置 HTTPS_PROXY），或联系代理的管理员。",
		"JD Cloud refused the credentials.":                                                                                                           "京东云拒绝了该凭证。",
		"Check the access key and secret key.":                                                                                                        "请检查 AccessKey 和 SecretKey。",
		"The API rejected a parameter of the request.":                                                                                                "API 拒绝了请求中的某个参数。",
		"Correct the parameter the message names.":                                                                                                    "请修正错误信息中指出的参数。",
		"The request cannot be carried out in the current state of the resources it names.":                                                           "请求涉及的资源当前所处的状态不允许执行该请求。",
		"Read the message for the resource concerned, change it or pick another, and try again.":                                                      "请根据错误信息找到相关资源，修改或另选后重试。",
		"A value of the request is out of range.":                                                                                                     "请求中的某个值超出允许范围。",
		"Correct the value the message names.":                                                                                                        "请修正错误信息中指出的值。",
		"Something the request names does not exist.":                                                                                                 "请求中引用的某个资源不存在。",
		"Check the region and the ids the message names.":                                                                                             "请检查地域以及错误信息中指出的 ID。",
		"The request conflicts with the current state of a resource.":                                                                                 "请求与某个资源的当前状态冲突。",
		"Read the message, change the conflicting choice and try again.":                                                                              "请阅读错误信息，修改冲突的选项后重试。",
		"Too many requests: JD Cloud is rate-limiting this account.":                                                                                  "请求过于频繁：京东云正在对该账号限流。",
		"Wait a minute and try again; other tools using the same account count too.":                                                                  "请等待一分钟后重试；使用同一账号的其他工具发出的请求也会计入。",
		"The endpoint answered HTTP %d with something that is not a JD Cloud API response (a proxy, a firewall page or a wrong endpoint).":            "接入地址返回了 HTTP %d，但内容不是京东云 API 响应（可能是代理、防火墙页面，或接入地址有误）。",
		"Check the endpoint and any HTTP proxy (HTTPS_PROXY); if it was a gateway error, try again later.":                                            "请检查接入地址和 HTTP 代理（HTTPS_PROXY）；如果是网关错误，请稍后重试。",
		"The account is not allowed to do this.":                                                                                                      "该账号没有执行此操作的权限。",
		"A sub-user needs a policy that allows COC-VM; the main account may need real-name verification and a payment method. Ask the account owner.": "子用户需要授予允许使用 COC-VM 的策略；主账号可能还需要完成实名认证并设置支付方式。请联系账号所有者。",
		"The service failed on its side.":                                                                                                             "服务端出错。",
		"The API refused the request.":                                                                                                                "API 拒绝了该请求。",
		"Read the API's message, correct the request and try again.":                                                                                  "请阅读 API 返回的错误信息，修正请求后重试。",
		"The API answered unexpectedly.":                                                                                                              "API 返回了意外的响应。",
		"The gateway of %s refused every attempt as a replay of an earlier request (nonce already used), although each was signed afresh.":            "尽管每次都重新签名，%s 的网关仍将每次尝试都视为之前请求的重放而拒绝（随机数已使用）。",
		"Something between this machine and JD Cloud (a proxy or load balancer) may be resending requests; try again, or without the proxy (unset HTTPS_PROXY). The request may have reached JD Cloud: resubmitting a create with the same clientToken cannot create twice.": "本机与京东云之间的代理或负载均衡可能在重发请求；请重试，或不经代理重试（取消设置 HTTPS_PROXY）。请求可能已到达京东云：使用相同 clientToken 重新提交创建请求不会重复创建。",
		"%s did not answer in time.": "%s 未在规定时间内响应。",
		"Check the network or proxy and try again. The request may have reached JD Cloud: resubmitting a create with the same clientToken cannot create twice.": "请检查网络或代理后重试。请求可能已到达京东云：使用相同 clientToken 重新提交创建请求不会重复创建。",
		"The name %s could not be resolved.":                                                    "无法解析域名 %s。",
		"Check the network and DNS, and the endpoint's spelling.":                               "请检查网络和 DNS，以及接入地址的拼写。",
		"Nothing is listening at %s.":                                                           "%s 上没有服务在监听。",
		"Check the endpoint and port.":                                                          "请检查接入地址和端口。",
		"The TLS certificate of %s could not be verified.":                                      "无法验证 %s 的 TLS 证书。",
		"A proxy may be intercepting HTTPS: install its CA certificate, or check the endpoint.": "可能有代理在拦截 HTTPS：请安装该代理的 CA 证书，或检查接入地址。",
		"%s closed the connection before answering.":                                            "%s 在响应之前关闭了连接。",
		"%s closed the connection before answering (%d attempts).":                              "%s 在响应之前关闭了连接（共尝试 %d 次）。",
		"Check the network and any proxy (HTTPS_PROXY), then try again. The request may have reached JD Cloud: resubmitting a create with the same clientToken cannot create twice.": "请检查网络和代理（HTTPS_PROXY）后重试。请求可能已到达京东云：使用相同 clientToken 重新提交创建请求不会重复创建。",
		"Could not reach %s.": "无法连接到 %s。",
		"Check the network connection and any proxy (HTTPS_PROXY), then try again. The request may have reached JD Cloud: resubmitting a create with the same clientToken cannot create twice.": "请检查网络连接和代理（HTTPS_PROXY）后重试。请求可能已到达京东云：使用相同 clientToken 重新提交创建请求不会重复创建。",

		// flex.go
		"localDisks is %s, not an object or a list of objects": "localDisks 是%s，不是对象或对象列表",
		"expected a string or a list of strings, found %s":     "应为字符串或字符串列表，实际是%s",
		"empty":     "空内容",
		"an object": "对象",
		"a list":    "列表",
		"a string":  "字符串",
		"a boolean": "布尔值",
		"null":      "空值（null）",
		"a number":  "数字",

		// instances.go
		"clientToken is %d characters; the API allows at most 64": "clientToken 长 %d 个字符；API 最多允许 64 个字符",
		"encode createInstances body: %v":                         "无法编码 createInstances 请求体：%v",
		"the result names no instance":                            "返回结果中没有任何实例",
		"decode result (request id %s): %s; no status is reported rather than one instance reported gone": "无法解析返回结果（请求 ID %s）：%s；为免把实例误报为已消失，不报告任何状态",
		"invalid instance id %q": "实例 ID %q 无效",

		// lookup.go
		"decode result (request id %s): %s is %s, not a list": "无法解析返回结果（请求 ID %s）：%s 是%s，不是列表",
		"the item is null": "该项为 null",

		// outcome.go
		"the API accepted the request (request id none) but the ids of the instances could not be read from its answer": "API 已接受请求（无请求 ID），但无法从响应中读出实例 ID",
		"the API accepted the request (request id %s) but the ids of the instances could not be read from its answer":   "API 已接受请求（请求 ID %s），但无法从响应中读出实例 ID",

		// paging.go
		"%s %s: more than %d pages; stopped": "%s %s：超过 %d 页，已停止",

		// quota.go
		"quota answer has no %s/%s row (request id %s)": "配额查询结果中没有 %s/%s 这一项（请求 ID %s）",

		// signer.go
		"apiclient: cannot sign: access key or secret key is empty": "apiclient：无法签名：AccessKey 或 SecretKey 为空",
		"apiclient: cannot sign: region and service are required":   "apiclient：无法签名：必须提供地域和服务名称",
		"apiclient: cannot sign: empty nonce":                       "apiclient：无法签名：随机数（nonce）为空",
	})
}
