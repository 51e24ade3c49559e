<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About AIGC Desktop</source>
        <translation>关于 AIGC Desktop</translation>
    </message>
    <message>
        <source>AIGC Desktop</source>
        <translation>AIGC Desktop</translation>
    </message>
    <message>
        <source>Application icon</source>
        <translation>应用图标</translation>
    </message>
    <message>
        <source>Administration and debugging for the SenseTime AIGC platform.</source>
        <translation>商汤 AIGC 平台的管理与调试工具。</translation>
    </message>
    <message>
        <source>Qt</source>
        <translation>Qt</translation>
    </message>
    <message>
        <source>PySide6</source>
        <translation>PySide6</translation>
    </message>
    <message>
        <source>Python</source>
        <translation>Python</translation>
    </message>
    <message>
        <source>%1 version</source>
        <translation>%1 版本</translation>
    </message>
    <message>
        <source>%1:</source>
        <translation>%1：</translation>
    </message>
    <message>
        <source>Platform endpoint</source>
        <translation>平台服务地址</translation>
    </message>
    <message>
        <source>none: no profile is active</source>
        <translation>无：当前没有启用的账号配置</translation>
    </message>
    <message>
        <source>Platform endpoint:</source>
        <translation>平台服务地址：</translation>
    </message>
    <message>
        <source>The sandbox (docs/sandbox.md)</source>
        <translation>沙箱说明（docs/sandbox.md）</translation>
    </message>
    <message>
        <source>docs/sandbox.md in the source tree</source>
        <translation>源码中的 docs/sandbox.md</translation>
    </message>
    <message>
        <source>Sandbox documentation link</source>
        <translation>沙箱文档链接</translation>
    </message>
    <message>
        <source>Sandbox:</source>
        <translation>沙箱：</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>AccountPane</name>
    <message>
        <source>Last loaded</source>
        <translation>上次加载时间</translation>
    </message>
    <message>
        <source>Sign in to see the account&apos;s basic information.</source>
        <translation>登录后即可查看账号基本信息。</translation>
    </message>
    <message>
        <source>Basic information</source>
        <translation>基本信息</translation>
    </message>
    <message>
        <source>Refresh account</source>
        <translation>刷新账号信息</translation>
    </message>
    <message>
        <source>Company name</source>
        <translation>企业名称</translation>
    </message>
    <message>
        <source>Account ID</source>
        <translation>账户 ID</translation>
    </message>
    <message>
        <source>Service validity</source>
        <translation>服务有效期</translation>
    </message>
    <message>
        <source>Days left</source>
        <translation>剩余天数</translation>
    </message>
    <message>
        <source>AppID</source>
        <translation>AppID</translation>
    </message>
    <message>
        <source>AppKey as returned</source>
        <translation>平台返回的 AppKey</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>AppKey</source>
        <translation>AppKey</translation>
    </message>
    <message>
        <source>Differences from the documentation</source>
        <translation>与接口文档不一致之处</translation>
    </message>
    <message>
        <source>The calculator and the receiver now sign with %1</source>
        <translation>签名计算器和回调接收器现在使用 %1 计算签名</translation>
    </message>
    <message>
        <source>Loading the account…</source>
        <translation>正在加载账号信息…</translation>
    </message>
    <message>
        <source>Loaded at %1</source>
        <translation>加载于 %1</translation>
    </message>
    <message>
        <source>Note: the response differed from the documentation — %1</source>
        <translation>注意：返回内容与接口文档不一致——%1</translation>
    </message>
    <message>
        <source>Validity window unknown</source>
        <translation>服务有效期未知</translation>
    </message>
    <message>
        <source>Not yet valid: the service starts on %1</source>
        <translation>尚未生效：服务将于 %1 生效</translation>
    </message>
    <message>
        <source>Expired %1 days ago: the service is outside its validity window</source>
        <translation>已过期 %1 天：当前不在服务有效期内</translation>
    </message>
    <message>
        <source>Valid (no end date)</source>
        <translation>有效（无截止日期）</translation>
    </message>
    <message>
        <source>%1 days left — renew the service soon</source>
        <translation>剩余 %1 天——请尽快续期</translation>
    </message>
    <message>
        <source>%1 days left</source>
        <translation>剩余 %1 天</translation>
    </message>
</context>
<context>
    <name>AppContext</name>
    <message>
        <source>Renewing the token…</source>
        <translation>正在续期令牌…</translation>
    </message>
    <message>
        <source>Cancelled: %1</source>
        <translation>已取消：%1</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <source>Look up %1</source>
        <translation>查看 %1</translation>
    </message>
    <message>
        <source>Show this code in the Error codes pane</source>
        <translation>在“错误码”页面中查看此错误码</translation>
    </message>
    <message>
        <source>Look up error code %1</source>
        <translation>查看错误码 %1</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Dismiss message</source>
        <translation>关闭消息</translation>
    </message>
    <message>
        <source>Error message</source>
        <translation>错误消息</translation>
    </message>
    <message>
        <source>Warning message</source>
        <translation>警告消息</translation>
    </message>
    <message>
        <source>Information message</source>
        <translation>提示消息</translation>
    </message>
</context>
<context>
    <name>BannerArea</name>
    <message>
        <source>Messages</source>
        <translation>消息</translation>
    </message>
</context>
<context>
    <name>BusyIndicator</name>
    <message>
        <source>Running operation</source>
        <translation>正在执行的操作</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>忙碌中</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancel the running operation</source>
        <translation>取消正在执行的操作</translation>
    </message>
    <message>
        <source> (+%1 more)</source>
        <translation>（另有 %1 项）</translation>
    </message>
</context>
<context>
    <name>CalculatorPane</name>
    <message>
        <source>Compute a callback signature</source>
        <translation>计算回调签名</translation>
    </message>
    <message>
        <source>Callback URL</source>
        <translation>回调地址</translation>
    </message>
    <message>
        <source>exactly as configured on the platform</source>
        <translation>须与平台上配置的完全一致</translation>
    </message>
    <message>
        <source>Timestamp</source>
        <translation>时间戳</translation>
    </message>
    <message>
        <source>10-digit UNIX seconds</source>
        <translation>10 位 UNIX 时间戳（秒）</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>当前时间</translation>
    </message>
    <message>
        <source>Use the current time</source>
        <translation>使用当前时间</translation>
    </message>
    <message>
        <source>Timestamp warning</source>
        <translation>时间戳提示</translation>
    </message>
    <message>
        <source>AuthKey</source>
        <translation>AuthKey</translation>
    </message>
    <message>
        <source>AuthKey policy check</source>
        <translation>AuthKey 规则校验</translation>
    </message>
    <message>
        <source>String to sign (AuthKey masked)</source>
        <translation>待签名字符串（已隐藏 AuthKey）</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copies the string with the AuthKey masked</source>
        <translation>复制的字符串中 AuthKey 已隐藏</translation>
    </message>
    <message>
        <source>Copy the string to sign (AuthKey masked)</source>
        <translation>复制待签名字符串（已隐藏 AuthKey）</translation>
    </message>
    <message>
        <source>String to sign</source>
        <translation>待签名字符串</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>签名</translation>
    </message>
    <message>
        <source>Copy the signature</source>
        <translation>复制签名</translation>
    </message>
    <message>
        <source>Signature (MD5)</source>
        <translation>签名（MD5）</translation>
    </message>
    <message>
        <source>signature = md5(callback URL + timestamp + AuthKey), 32 lowercase hex digits</source>
        <translation>signature = md5(回调地址 + 时间戳 + AuthKey)，32 位小写十六进制</translation>
    </message>
    <message>
        <source>Why doesn&apos;t my signature match? Paste a received body</source>
        <translation>签名为什么对不上？粘贴收到的回调消息体</translation>
    </message>
    <message>
        <source>Received callback body</source>
        <translation>收到的回调消息体</translation>
    </message>
    <message>
        <source>{&quot;taskId&quot;: &quot;…&quot;, &quot;timestamp&quot;: 1693206851, &quot;signature&quot;: &quot;863151b5…&quot;}</source>
        <translation>{&quot;taskId&quot;: &quot;…&quot;, &quot;timestamp&quot;: 1693206851, &quot;signature&quot;: &quot;863151b5…&quot;}</translation>
    </message>
    <message>
        <source>Check body</source>
        <translation>校验消息体</translation>
    </message>
    <message>
        <source>Check the pasted body</source>
        <translation>校验粘贴的消息体</translation>
    </message>
    <message>
        <source>Tolerance</source>
        <translation>时间容差</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Timestamp tolerance in seconds</source>
        <translation>时间容差（秒）</translation>
    </message>
    <message>
        <source>Uses the URL and AuthKey above; a dry run, nothing is remembered.</source>
        <translation>使用上方的回调地址和 AuthKey 进行试算，不会保存任何内容。</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>校验结果</translation>
    </message>
    <message>
        <source>Verdict and near misses</source>
        <translation>校验结果与疑似原因</translation>
    </message>
    <message>
        <source>The timestamp should be digits only (UNIX seconds).</source>
        <translation>时间戳只能包含数字（UNIX 秒）。</translation>
    </message>
    <message>
        <source>13 digits: this looks like milliseconds. Callback timestamps are 10-digit UNIX seconds (%1); the signature below is computed with the value as typed.</source>
        <translation>13 位：这看起来是毫秒。回调时间戳应为 10 位 UNIX 秒（%1）；下方签名仍按输入值计算。</translation>
    </message>
    <message>
        <source>Callback timestamps have exactly 10 digits (UNIX seconds); this one has %1.</source>
        <translation>回调时间戳应为 10 位（UNIX 秒），当前为 %1 位。</translation>
    </message>
    <message>
        <source>Enter the URL, timestamp and AuthKey</source>
        <translation>请输入回调地址、时间戳和 AuthKey</translation>
    </message>
    <message>
        <source>16-32 characters with upper case, lower case and a digit.</source>
        <translation>16–32 个字符，须包含大写字母、小写字母和数字。</translation>
    </message>
    <message>
        <source>Meets the platform&apos;s AuthKey policy.</source>
        <translation>符合平台的 AuthKey 规则。</translation>
    </message>
    <message>
        <source>Outside the platform&apos;s policy (the signature is computed anyway): %1</source>
        <translation>不符合平台规则（签名仍会照常计算）：%1</translation>
    </message>
    <message>
        <source>Enter the callback URL above first.</source>
        <translation>请先在上方输入回调地址。</translation>
    </message>
    <message>
        <source>Expected for this timestamp with the URL and AuthKey above: %1</source>
        <translation>按上方回调地址和 AuthKey，此时间戳对应的签名应为：%1</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
</context>
<context>
    <name>CallbackUrlsView</name>
    <message>
        <source>Configured callback URLs</source>
        <translation>已配置的回调地址</translation>
    </message>
    <message>
        <source>Callback URL</source>
        <translation>回调地址</translation>
    </message>
    <message>
        <source>Live callback URL</source>
        <translation>直播回调地址</translation>
    </message>
    <message>
        <source>Sign in to see the callback URLs configured for this account.</source>
        <translation>登录后可查看此账号配置的回调地址。</translation>
    </message>
    <message>
        <source>No callback URL is configured for this account.</source>
        <translation>此账号未配置回调地址。</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy %1</source>
        <translation>复制%1</translation>
    </message>
    <message>
        <source>Use for signatures</source>
        <translation>用于签名</translation>
    </message>
    <message>
        <source>Use %1 as the signed-as URL</source>
        <translation>将%1用作签名所用地址</translation>
    </message>
    <message>
        <source>A callback signature covers this exact URL: use it in the receiver and calculator</source>
        <translation>回调签名针对的正是这个地址：在接收端和签名计算器中使用它</translation>
    </message>
</context>
<context>
    <name>ClockSkewIndicator</name>
    <message>
        <source>Clock skew</source>
        <translation>时钟偏差</translation>
    </message>
    <message>
        <source>Clock off by %1</source>
        <translation>时钟偏差 %1</translation>
    </message>
    <message>
        <source>This computer&apos;s clock is %1 behind the platform&apos;s clock.</source>
        <translation>本机时钟比平台时钟慢 %1。</translation>
    </message>
    <message>
        <source>This computer&apos;s clock is %1 ahead of the platform&apos;s clock.</source>
        <translation>本机时钟比平台时钟快 %1。</translation>
    </message>
    <message>
        <source>Sign-in and callback signatures carry timestamps, so they can fail. Turn on automatic time synchronisation (NTP) in the system settings.</source>
        <translation>登录签名和回调签名都带有时间戳，时钟不准可能导致验签失败。请在系统设置中开启自动时间同步（NTP）。</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>AIGC Desktop — unexpected error</source>
        <translation>AIGC Desktop——意外错误</translation>
    </message>
    <message>
        <source>Crash report</source>
        <translation>错误报告</translation>
    </message>
    <message>
        <source>Copy report</source>
        <translation>复制报告</translation>
    </message>
    <message>
        <source>Open log folder</source>
        <translation>打开日志文件夹</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Something went wrong: %1</source>
        <translation>出错了：%1</translation>
    </message>
    <message>
        <source>(%1 errors so far; showing the latest)</source>
        <translation>（目前共 %1 个错误；显示最近一个）</translation>
    </message>
    <message>
        <source>The report (no keys or tokens in it) was saved to %1</source>
        <translation>报告（不含任何密钥或令牌）已保存到 %1</translation>
    </message>
    <message>
        <source>Not saved (no log folder in this mode); copy it instead.</source>
        <translation>未保存（此模式下没有日志文件夹），请改为复制。</translation>
    </message>
    <message>
        <source>The report could not be saved; copy it instead.</source>
        <translation>报告无法保存，请改为复制。</translation>
    </message>
</context>
<context>
    <name>DeliveryDetailView</name>
    <message>
        <source>Delivery detail</source>
        <translation>投递详情</translation>
    </message>
    <message>
        <source>Select a delivery to see its attempts, verdict, headers and body.</source>
        <translation>选择一条投递记录，查看每次尝试、校验结果、请求头和消息体。</translation>
    </message>
</context>
<context>
    <name>DeliveryTableModel</name>
    <message>
        <source>Time</source>
        <translation>接收时间</translation>
    </message>
    <message>
        <source>Peer</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>消息大小</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>校验结果</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>时间差</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>尝试次数</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>响应码</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
</context>
<context>
    <name>ErrorsPane</name>
    <message>
        <source>&amp;Search:</source>
        <translation>搜索(&amp;S)：</translation>
    </message>
    <message>
        <source>Code or words, e.g. 6011 or sign</source>
        <translation>错误码或关键词，例如 6011 或 sign</translation>
    </message>
    <message>
        <source>Search error codes</source>
        <translation>搜索错误码</translation>
    </message>
    <message>
        <source>Number of codes shown</source>
        <translation>显示的错误码数量</translation>
    </message>
    <message>
        <source>Error codes</source>
        <translation>错误码</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>错误码</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Advice</source>
        <translation>处理建议</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Selected code</source>
        <translation>选中的错误码</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>%1:</source>
        <translation>%1：</translation>
    </message>
    <message>
        <source>listed %1 times in the doc</source>
        <translation>文档中出现 %1 次</translation>
    </message>
    <message>
        <source>the doc gives this code more than one text</source>
        <translation>文档为此错误码给出了多种说明</translation>
    </message>
    <message>
        <source>%1 of %2 codes</source>
        <translation>%1 / %2 个错误码</translation>
    </message>
    <message>
        <source>perhaps %1 (guessed from the code&apos;s prefix)</source>
        <translation>可能属于“%1”（按错误码前缀推测）</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>This code is not in the platform&apos;s documentation.</source>
        <translation>平台文档中没有此错误码。</translation>
    </message>
    <message>
        <source>(no advice recorded)</source>
        <translation>（暂无处理建议）</translation>
    </message>
</context>
<context>
    <name>FirstRunPage</name>
    <message>
        <source>Welcome to AIGC Desktop</source>
        <translation>欢迎使用 AIGC Desktop</translation>
    </message>
    <message>
        <source>Sign in to the SenseTime AIGC platform, watch your tokens and quotas, and debug callbacks. Try everything on a local sandbox first, or add the AppID and AppKey you were given.</source>
        <translation>登录商汤 AIGC 平台，查看令牌和配额，调试回调。可以先在本地沙箱中体验全部功能，也可以直接添加平台分配给您的 AppID 和 AppKey。</translation>
    </message>
    <message>
        <source>Try the sandbox</source>
        <translation>体验沙箱</translation>
    </message>
    <message>
        <source>Add your account</source>
        <translation>添加您的账号</translation>
    </message>
</context>
<context>
    <name>GrantNotes</name>
    <message>
        <source>Refresh unavailable: sign-in will be needed at expiry</source>
        <translation>无法刷新：令牌到期时需要重新登录</translation>
    </message>
    <message>
        <source>The sign-in answer lists no permissions for this account.</source>
        <translation>登录应答中没有列出此账号的任何权限。</translation>
    </message>
</context>
<context>
    <name>LoginTimestamp</name>
    <message>
        <source>10 digits: this timestamp is in seconds. The platform accepts it (its FAQ signs one), but the access doc asks for 13-digit milliseconds.</source>
        <translation>10 位：此时间戳以秒为单位。平台接受它（其 FAQ 的示例即是如此），但接入文档要求 13 位毫秒。</translation>
    </message>
    <message>
        <source>A login timestamp has 13 digits (UNIX milliseconds); this one is %1.</source>
        <translation>登录时间戳应为 13 位（UNIX 毫秒）；此时间戳为 %1。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>AIGC Desktop</source>
        <translation>AIGC Desktop</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>会话</translation>
    </message>
    <message>
        <source>Profile:</source>
        <translation>账号配置：</translation>
    </message>
    <message>
        <source>Active profile</source>
        <translation>当前账号配置</translation>
    </message>
    <message>
        <source>Navigation</source>
        <translation>导航</translation>
    </message>
    <message>
        <source>Starting the sandbox and signing in…</source>
        <translation>正在启动沙箱并登录…</translation>
    </message>
    <message>
        <source>(no profile)</source>
        <translation>（无账号配置）</translation>
    </message>
    <message>
        <source>Switching profile…</source>
        <translation>正在切换账号配置…</translation>
    </message>
    <message>
        <source>No profile selected</source>
        <translation>未选择账号配置</translation>
    </message>
    <message>
        <source>%1 — not signed in</source>
        <translation>%1——未登录</translation>
    </message>
    <message>
        <source>%1 — signed in</source>
        <translation>%1——已登录</translation>
    </message>
    <message>
        <source>secrets: this session only</source>
        <translation>密钥仅保存在本次会话中</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>正在登录…</translation>
    </message>
    <message>
        <source>Refreshing the token…</source>
        <translation>正在刷新令牌…</translation>
    </message>
    <message>
        <source>Signing out…</source>
        <translation>正在退出登录…</translation>
    </message>
    <message>
        <source>The sandbox is described in docs/sandbox.md.</source>
        <translation>沙箱的说明见 docs/sandbox.md。</translation>
    </message>
</context>
<context>
    <name>OverviewPane</name>
    <message>
        <source>Switching profile…</source>
        <translation>正在切换账号配置…</translation>
    </message>
</context>
<context>
    <name>OverviewTable</name>
    <message>
        <source>Profiles overview</source>
        <translation>账号配置总览</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>账号配置</translation>
    </message>
    <message>
        <source>Sign-in</source>
        <translation>登录状态</translation>
    </message>
    <message>
        <source>Token expires</source>
        <translation>令牌到期</translation>
    </message>
    <message>
        <source>Validity</source>
        <translation>有效期</translation>
    </message>
    <message>
        <source>Last updated</source>
        <translation>最后更新</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>最近错误</translation>
    </message>
    <message>
        <source>Refresh all</source>
        <translation>全部刷新</translation>
    </message>
    <message>
        <source>Refresh all profiles</source>
        <translation>刷新全部账号配置</translation>
    </message>
    <message>
        <source>Auto-refresh:</source>
        <translation>自动刷新：</translation>
    </message>
    <message>
        <source>Auto-refresh interval</source>
        <translation>自动刷新间隔</translation>
    </message>
    <message>
        <source>Overview summary</source>
        <translation>总览摘要</translation>
    </message>
    <message>
        <source>Loading %1 profiles…</source>
        <translation>正在加载 %1 个账号配置…</translation>
    </message>
    <message>
        <source>Signed in</source>
        <translation>已登录</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>未登录</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>已结束</translation>
    </message>
    <message>
        <source>1 day left</source>
        <translation>剩余 1 天</translation>
    </message>
    <message>
        <source>%1 days left</source>
        <translation>剩余 %1 天</translation>
    </message>
    <message>
        <source>The most used quota of this profile</source>
        <translation>此账号配置用量最高的配额</translation>
    </message>
    <message>
        <source>most used</source>
        <translation>用量最高</translation>
    </message>
    <message>
        <source>No saved profiles yet</source>
        <translation>尚未保存任何账号配置</translation>
    </message>
    <message>
        <source>Not loaded</source>
        <translation>未加载</translation>
    </message>
    <message>
        <source>%1 of %2 profiles failed to load</source>
        <translation>%2 个账号配置中有 %1 个加载失败</translation>
    </message>
    <message>
        <source>1 profile loaded</source>
        <translation>已加载 1 个账号配置</translation>
    </message>
    <message>
        <source>%1 profiles loaded</source>
        <translation>已加载 %1 个账号配置</translation>
    </message>
</context>
<context>
    <name>ProfilesPane</name>
    <message>
        <source>Where secrets are stored</source>
        <translation>密钥的存放位置</translation>
    </message>
    <message>
        <source>Profiles</source>
        <translation>账号配置</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>New profile</source>
        <translation>新建账号配置</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Delete profile</source>
        <translation>删除账号配置</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>使用</translation>
    </message>
    <message>
        <source>Use this profile</source>
        <translation>使用此账号配置</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>账号配置</translation>
    </message>
    <message>
        <source>Profile name</source>
        <translation>配置名称</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>平台环境</translation>
    </message>
    <message>
        <source>Production (aigc.softsugar.com)</source>
        <translation>正式环境（aigc.softsugar.com）</translation>
    </message>
    <message>
        <source>Sandbox (embedded, demo account)</source>
        <translation>沙箱（内置，演示账号）</translation>
    </message>
    <message>
        <source>Custom URL</source>
        <translation>自定义地址</translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation>服务地址</translation>
    </message>
    <message>
        <source>AppID</source>
        <translation>AppID</translation>
    </message>
    <message>
        <source>AppKey</source>
        <translation>AppKey</translation>
    </message>
    <message>
        <source>Reveal</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>AppKey status</source>
        <translation>AppKey 状态</translation>
    </message>
    <message>
        <source>Callback URL</source>
        <translation>回调地址</translation>
    </message>
    <message>
        <source>optional, e.g. https://example.com/aigc/callback</source>
        <translation>可选，例如 https://example.com/aigc/callback</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Form error</source>
        <translation>表单错误</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Save profile</source>
        <translation>保存账号配置</translation>
    </message>
    <message>
        <source>Test sign-in</source>
        <translation>测试登录</translation>
    </message>
    <message>
        <source>Test the sign-in with these values</source>
        <translation>用这些值测试登录</translation>
    </message>
    <message>
        <source>Sign in with the form&apos;s values without saving anything</source>
        <translation>用表单中的值登录，不保存任何内容</translation>
    </message>
    <message>
        <source>Test sign-in result</source>
        <translation>测试登录结果</translation>
    </message>
    <message>
        <source>AppKeys and tokens are stored in the system keyring (%1); never in the settings file.</source>
        <translation>AppKey 和令牌保存在系统密钥库（%1）中，绝不写入设置文件。</translation>
    </message>
    <message>
        <source>Session only: AppKeys and tokens are kept in memory and forgotten on quit (%1).</source>
        <translation>仅限本次会话：AppKey 和令牌只保存在内存中，退出后即清除（%1）。</translation>
    </message>
    <message>
        <source>%1 (active)</source>
        <translation>%1（当前）</translation>
    </message>
    <message>
        <source>required</source>
        <translation>必填</translation>
    </message>
    <message>
        <source>Reading the keyring…</source>
        <translation>正在读取系统密钥库…</translation>
    </message>
    <message>
        <source>Enter the AppKey; it is saved only to the secret store.</source>
        <translation>请输入 AppKey；它只会保存到系统密钥库中。</translation>
    </message>
    <message>
        <source>stored — leave empty to keep it</source>
        <translation>已保存——留空则保持不变</translation>
    </message>
    <message>
        <source>An AppKey is stored for this profile.</source>
        <translation>此账号配置已保存 AppKey。</translation>
    </message>
    <message>
        <source>not stored yet</source>
        <translation>尚未保存</translation>
    </message>
    <message>
        <source>No AppKey is stored: sign-in will fail until you enter one.</source>
        <translation>尚未保存 AppKey：输入之前将无法登录。</translation>
    </message>
    <message>
        <source>chosen when the sandbox starts</source>
        <translation>沙箱启动时自动分配</translation>
    </message>
    <message>
        <source>The sandbox&apos;s demo AppKey is filled in automatically.</source>
        <translation>沙箱的演示 AppKey 会自动填入。</translation>
    </message>
    <message>
        <source>Saving the profile…</source>
        <translation>正在保存账号配置…</translation>
    </message>
    <message>
        <source>Profile %1 saved</source>
        <translation>账号配置 %1 已保存</translation>
    </message>
    <message>
        <source>Testing the sign-in…</source>
        <translation>正在测试登录…</translation>
    </message>
    <message>
        <source>Sign-in failed: %1</source>
        <translation>登录失败：%1</translation>
    </message>
    <message>
        <source>Sign-in works: signed in as %1.</source>
        <translation>登录成功：已作为 %1 登录。</translation>
    </message>
    <message>
        <source>Sign-in works.</source>
        <translation>登录成功。</translation>
    </message>
    <message>
        <source>Delete profile?</source>
        <translation>删除账号配置？</translation>
    </message>
    <message>
        <source>Delete %1 and remove its AppKey and tokens from the keyring?</source>
        <translation>删除 %1，并从系统密钥库中移除其 AppKey 和令牌？</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Also delete its quota history</source>
        <translation>同时删除其配额历史记录</translation>
    </message>
    <message>
        <source>Also delete the profile&apos;s quota history</source>
        <translation>同时删除该账号配置的配额历史记录</translation>
    </message>
    <message>
        <source>Deleting the profile…</source>
        <translation>正在删除账号配置…</translation>
    </message>
    <message>
        <source>Switching profile…</source>
        <translation>正在切换账号配置…</translation>
    </message>
</context>
<context>
    <name>QuotaBar</name>
    <message>
        <source>%1 numbers</source>
        <translation>%1 数值</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>not loaded</source>
        <translation>未加载</translation>
    </message>
    <message>
        <source>the platform sent no value</source>
        <translation>平台未返回该值</translation>
    </message>
    <message>
        <source>used %1 / total %2%3 · %4 remaining · %5%</source>
        <translation>已用 %1 / 总量 %2%3 · 剩余 %4 · %5%</translation>
    </message>
</context>
<context>
    <name>QuotaChart</name>
    <message>
        <source>Quota shown in the chart</source>
        <translation>图表显示的配额</translation>
    </message>
    <message>
        <source>Export history CSV…</source>
        <translation>导出历史 CSV…</translation>
    </message>
    <message>
        <source>Export the quota history as CSV</source>
        <translation>将配额历史导出为 CSV</translation>
    </message>
    <message>
        <source>Quota use over time</source>
        <translation>配额用量随时间变化</translation>
    </message>
    <message>
        <source>Forecast</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>Service validity</source>
        <translation>服务有效期</translation>
    </message>
    <message>
        <source>Service validity has ended</source>
        <translation>服务有效期已结束</translation>
    </message>
    <message>
        <source>Service validity ends today</source>
        <translation>服务有效期今天结束</translation>
    </message>
    <message>
        <source>Service validity ends in 1 day</source>
        <translation>服务有效期 1 天后结束</translation>
    </message>
    <message>
        <source>Service validity ends in %1 days</source>
        <translation>服务有效期 %1 天后结束</translation>
    </message>
    <message>
        <source>Not enough history yet</source>
        <translation>历史数据尚不足</translation>
    </message>
    <message>
        <source>At the last 14 days&apos; rate, runs out around %1</source>
        <translation>按最近 14 天的用量，约 %1 用完</translation>
    </message>
    <message>
        <source>Used up</source>
        <translation>已用完</translation>
    </message>
    <message>
        <source>Not at this rate</source>
        <translation>按当前用量不会用完</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Export quota history</source>
        <translation>导出配额历史</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>QuotaPane</name>
    <message>
        <source>Quotas</source>
        <translation>配额</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Refresh quotas</source>
        <translation>刷新配额</translation>
    </message>
    <message>
        <source>Auto-refresh:</source>
        <translation>自动刷新：</translation>
    </message>
    <message>
        <source>Auto-refresh interval</source>
        <translation>自动刷新间隔</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Export quotas as CSV</source>
        <translation>将配额导出为 CSV</translation>
    </message>
    <message>
        <source>Export JSON…</source>
        <translation>导出 JSON…</translation>
    </message>
    <message>
        <source>Export quotas as JSON</source>
        <translation>将配额导出为 JSON</translation>
    </message>
    <message>
        <source>Last updated</source>
        <translation>上次更新时间</translation>
    </message>
    <message>
        <source>Maximum concurrent tasks</source>
        <translation>最大并发任务数</translation>
    </message>
    <message>
        <source>Use over time</source>
        <translation>用量趋势</translation>
    </message>
    <message>
        <source>Bars turn amber at %1% and red at %2% of the total.</source>
        <translation>用量达到总量的 %1% 时进度条变为琥珀色，达到 %2% 时变为红色。</translation>
    </message>
    <message>
        <source>Refresh quotas (Ctrl+R)</source>
        <translation>刷新配额（Ctrl+R）</translation>
    </message>
    <message>
        <source>Loading quotas…</source>
        <translation>正在加载配额…</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
    <message>
        <source>Export quotas</source>
        <translation>导出配额</translation>
    </message>
    <message>
        <source>Quotas exported to %1</source>
        <translation>配额已导出到 %1</translation>
    </message>
    <message>
        <source>Exporting quotas…</source>
        <translation>正在导出配额…</translation>
    </message>
    <message>
        <source>Last updated %1</source>
        <translation>更新于 %1</translation>
    </message>
    <message>
        <source>Not loaded</source>
        <translation>未加载</translation>
    </message>
    <message>
        <source>History exported to %1</source>
        <translation>历史记录已导出到 %1</translation>
    </message>
</context>
<context>
    <name>ReceiverPane</name>
    <message>
        <source>Deliveries and AuthKeys</source>
        <translation>投递记录与 AuthKey</translation>
    </message>
    <message>
        <source>Deliveries</source>
        <translation>投递记录</translation>
    </message>
    <message>
        <source>AuthKeys and rotation</source>
        <translation>AuthKey 与轮换</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>启动</translation>
    </message>
    <message>
        <source>Start the receiver</source>
        <translation>启动接收端</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop the receiver</source>
        <translation>停止接收端</translation>
    </message>
    <message>
        <source>Listen on</source>
        <translation>监听地址</translation>
    </message>
    <message>
        <source>Listen address</source>
        <translation>监听地址</translation>
    </message>
    <message>
        <source>127.0.0.1 (this computer only)</source>
        <translation>127.0.0.1（仅本机）</translation>
    </message>
    <message>
        <source>0.0.0.0 (all interfaces, LAN)</source>
        <translation>0.0.0.0（所有网卡，局域网可访问）</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>any free</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Port (0 = any free port)</source>
        <translation>端口（0 表示任意空闲端口）</translation>
    </message>
    <message>
        <source>Receiver status</source>
        <translation>接收端状态</translation>
    </message>
    <message>
        <source>Copy URL</source>
        <translation>复制地址</translation>
    </message>
    <message>
        <source>Copy the receiver URL</source>
        <translation>复制接收端地址</translation>
    </message>
    <message>
        <source>Verification</source>
        <translation>签名校验</translation>
    </message>
    <message>
        <source>Signed-as callback URL</source>
        <translation>签名所用回调地址</translation>
    </message>
    <message>
        <source>The callback URL configured on the platform: signatures are computed over it. Behind a tunnel or proxy it differs from this receiver&apos;s local URL. Empty: the local URL.</source>
        <translation>平台上配置的回调地址，签名基于它计算。经过隧道或代理转发时，它与本接收端的本地地址不同。留空则使用本地地址。</translation>
    </message>
    <message>
        <source>Signed-as URL</source>
        <translation>签名所用地址</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Timestamp tolerance in seconds</source>
        <translation>时间容差（秒）</translation>
    </message>
    <message>
        <source>Tolerance</source>
        <translation>时间容差</translation>
    </message>
    <message>
        <source>Simulate failure</source>
        <translation>模拟失败</translation>
    </message>
    <message>
        <source>None: answer as verified</source>
        <translation>不模拟：按校验结果正常响应</translation>
    </message>
    <message>
        <source>Answer HTTP 500</source>
        <translation>返回 HTTP 500</translation>
    </message>
    <message>
        <source>Stall past the platform&apos;s timeout</source>
        <translation>挂起直到超过平台超时时间</translation>
    </message>
    <message>
        <source>Watch the platform retry: 3 attempts in all, then the event is dropped</source>
        <translation>观察平台重试：共尝试 3 次，之后该事件将被丢弃</translation>
    </message>
    <message>
        <source>Forward valid deliveries to</source>
        <translation>将校验通过的投递转发到</translation>
    </message>
    <message>
        <source>optional, e.g. http://127.0.0.1:8000/callback</source>
        <translation>可选，例如 http://127.0.0.1:8000/callback</translation>
    </message>
    <message>
        <source>Forward to</source>
        <translation>转发到</translation>
    </message>
    <message>
        <source>Accept different events that share a signature</source>
        <translation>接受签名相同的不同事件</translation>
    </message>
    <message>
        <source>The signature covers only URL + timestamp + AuthKey, not the body: two events sent in the same second carry the same signature and look like a replay. Off (the safe default) refuses the second body; on accepts it and flags it.</source>
        <translation>签名只覆盖回调地址 + 时间戳 + AuthKey，不包含消息体：同一秒内发送的两个事件签名相同，看起来像重放。关闭（安全的默认值）时拒绝第二个消息体；开启时接受并加以标记。</translation>
    </message>
    <message>
        <source>AuthKeys in use</source>
        <translation>使用中的 AuthKey</translation>
    </message>
    <message>
        <source>Send a demo callback</source>
        <translation>发送演示回调</translation>
    </message>
    <message>
        <source>Send a demo callback from the sandbox</source>
        <translation>由沙箱发送一条演示回调</translation>
    </message>
    <message>
        <source>The built-in sandbox signs an event with the current AuthKey and delivers it here</source>
        <translation>内置沙箱用当前 AuthKey 为事件签名，并投递到此处</translation>
    </message>
    <message>
        <source>Export JSON…</source>
        <translation>导出 JSON…</translation>
    </message>
    <message>
        <source>Export deliveries as JSON</source>
        <translation>将投递记录导出为 JSON</translation>
    </message>
    <message>
        <source>Copy as curl</source>
        <translation>复制为 curl 命令</translation>
    </message>
    <message>
        <source>Copy the selected delivery as a curl command</source>
        <translation>将选中的投递复制为 curl 命令</translation>
    </message>
    <message>
        <source>Re-sends the exact body; no AuthKey is included</source>
        <translation>原样重发消息体；不包含 AuthKey</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>Clear the deliveries list</source>
        <translation>清空投递记录列表</translation>
    </message>
    <message>
        <source>Delivery count</source>
        <translation>投递数量</translation>
    </message>
    <message>
        <source>Listen on the network?</source>
        <translation>允许局域网访问？</translation>
    </message>
    <message>
        <source>Listening on %1 lets other machines on your network post to this receiver. Only do this to receive callbacks from another machine you control.</source>
        <translation>监听 %1 后，局域网中的其他机器都可以向本接收端发送请求。请仅在需要接收您自己管理的其他机器发来的回调时开启。</translation>
    </message>
    <message>
        <source>Listen on the network</source>
        <translation>允许局域网访问</translation>
    </message>
    <message>
        <source>Starting the receiver…</source>
        <translation>正在启动接收端…</translation>
    </message>
    <message>
        <source>The receiver did not start</source>
        <translation>接收端未能启动</translation>
    </message>
    <message>
        <source>Stopping the receiver…</source>
        <translation>正在停止接收端…</translation>
    </message>
    <message>
        <source>the profile&apos;s callback URL, else the local URL once started</source>
        <translation>账号配置中的回调地址；未配置时为启动后的本地地址</translation>
    </message>
    <message>
        <source>No AuthKey: deliveries are accepted unchecked. Set one under AuthKeys.</source>
        <translation>未设置 AuthKey：投递不经校验直接接受。请在“AuthKey 与轮换”中设置。</translation>
    </message>
    <message>
        <source>Accepting the current and the previous AuthKey (rotating).</source>
        <translation>正在轮换：同时接受当前和上一个 AuthKey。</translation>
    </message>
    <message>
        <source>Checking with the current AuthKey.</source>
        <translation>使用当前 AuthKey 校验。</translation>
    </message>
    <message>
        <source>1 event</source>
        <translation>1 个事件</translation>
    </message>
    <message>
        <source>%1 events</source>
        <translation>%1 个事件</translation>
    </message>
    <message>
        <source>%1 newest events</source>
        <translation>最新的 %1 个事件</translation>
    </message>
    <message>
        <source>1 request</source>
        <translation>1 次请求</translation>
    </message>
    <message>
        <source>%1 requests</source>
        <translation>%1 次请求</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1，%2</translation>
    </message>
    <message>
        <source>%1; %2 older not shown</source>
        <translation>%1；另有 %2 个较早的事件未显示</translation>
    </message>
    <message>
        <source>No callbacks yet: start the receiver, then send a demo callback or set your platform account&apos;s callback URL to this receiver&apos;s URL (or a tunnel to it).</source>
        <translation>还没有回调：请先启动接收端，然后发送演示回调，或把平台账号的回调地址设为本接收端的地址（或指向它的隧道地址）。</translation>
    </message>
    <message>
        <source>curl command copied (no AuthKey in it)</source>
        <translation>已复制 curl 命令（不含 AuthKey）</translation>
    </message>
    <message>
        <source>Export deliveries</source>
        <translation>导出投递记录</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
    <message>
        <source>Deliveries exported to %1</source>
        <translation>投递记录已导出到 %1</translation>
    </message>
    <message>
        <source>Exporting deliveries…</source>
        <translation>正在导出投递记录…</translation>
    </message>
    <message>
        <source>Sandbox delivering a demo callback…</source>
        <translation>沙箱正在投递演示回调…</translation>
    </message>
    <message>
        <source>The sandbox did not send the demo callback</source>
        <translation>沙箱未能发送演示回调</translation>
    </message>
    <message>
        <source>The sandbox signs for the URL it posts to</source>
        <translation>沙箱按其实际请求的地址签名</translation>
    </message>
    <message>
        <source>It signed for %1, but this receiver checks against the signed-as URL %2, so its deliveries show as INVALID. Clear the signed-as URL to accept them.</source>
        <translation>沙箱按 %1 签名，但本接收端按签名所用地址 %2 校验，因此这些投递会显示为“签名无效”。清空签名所用地址即可接受。</translation>
    </message>
    <message>
        <source>delivered on attempt %1</source>
        <translation>第 %1 次尝试投递成功</translation>
    </message>
    <message>
        <source>dropped after %1 attempts</source>
        <translation>共尝试 %1 次后已丢弃</translation>
    </message>
    <message>
        <source>Sandbox demo callback %1</source>
        <translation>沙箱演示回调：%1</translation>
    </message>
    <message>
        <source>Listening on %1</source>
        <translation>正在监听 %1</translation>
    </message>
    <message>
        <source>(reachable from the network)</source>
        <translation>（网络中可访问）</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
</context>
<context>
    <name>RefreshInterval</name>
    <message>
        <source>Off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Every %1 s</source>
        <translation>每 %1 秒</translation>
    </message>
    <message>
        <source>Every %1 min</source>
        <translation>每 %1 分钟</translation>
    </message>
</context>
<context>
    <name>RequestLogPane</name>
    <message>
        <source>Platform calls</source>
        <translation>平台接口调用</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>路径</translation>
    </message>
    <message>
        <source>HTTP</source>
        <translation>HTTP</translation>
    </message>
    <message>
        <source>Return code</source>
        <translation>返回码</translation>
    </message>
    <message>
        <source>Duration (ms)</source>
        <translation>耗时（毫秒）</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>账号配置</translation>
    </message>
    <message>
        <source>&amp;Filter:</source>
        <translation>筛选(&amp;F)：</translation>
    </message>
    <message>
        <source>Path, method, HTTP status or code</source>
        <translation>路径、方法、HTTP 状态码或返回码</translation>
    </message>
    <message>
        <source>Filter calls by path or status</source>
        <translation>按路径或状态筛选调用</translation>
    </message>
    <message>
        <source>Show calls by outcome</source>
        <translation>按结果显示调用</translation>
    </message>
    <message>
        <source>All calls</source>
        <translation>全部调用</translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Number of calls shown</source>
        <translation>显示的调用数量</translation>
    </message>
    <message>
        <source>Clear log</source>
        <translation>清空日志</translation>
    </message>
    <message>
        <source>Clear the request log</source>
        <translation>清空请求日志</translation>
    </message>
    <message>
        <source>Forget every recorded call, here and on disk</source>
        <translation>清除所有已记录的调用（包括磁盘上的记录）</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Export the calls shown as JSON lines</source>
        <translation>将当前显示的调用导出为 JSON Lines</translation>
    </message>
    <message>
        <source>The calls the filter shows, one JSON object a line, secrets masked</source>
        <translation>导出筛选后显示的调用，每行一个 JSON 对象，密钥已隐藏</translation>
    </message>
    <message>
        <source>Selected call</source>
        <translation>选中的调用</translation>
    </message>
    <message>
        <source>Call summary</source>
        <translation>调用摘要</translation>
    </message>
    <message>
        <source>Call:</source>
        <translation>调用：</translation>
    </message>
    <message>
        <source>Request (headers and body)</source>
        <translation>请求（请求头和请求体）</translation>
    </message>
    <message>
        <source>Response (headers and body)</source>
        <translation>响应（响应头和响应体）</translation>
    </message>
    <message>
        <source>Copy as curl</source>
        <translation>复制为 curl 命令</translation>
    </message>
    <message>
        <source>Copy the selected call as a curl command</source>
        <translation>将选中的调用复制为 curl 命令</translation>
    </message>
    <message>
        <source>Tokens and signs become shell variables ($AIGC_TOKEN, $AIGC_SIGN); set them yourself</source>
        <translation>令牌和签名会替换为 shell 变量（$AIGC_TOKEN、$AIGC_SIGN），请自行设置</translation>
    </message>
    <message>
        <source>%1 of %2 calls</source>
        <translation>%1 / %2 次调用</translation>
    </message>
    <message>
        <source>Select a call to see its bodies.</source>
        <translation>选择一次调用，查看其请求体和响应体。</translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation>HTTP %1</translation>
    </message>
    <message>
        <source>code %1</source>
        <translation>返回码 %1</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>%1 attempts</source>
        <translation>共尝试 %1 次</translation>
    </message>
    <message>
        <source>(no body)</source>
        <translation>（无消息体）</translation>
    </message>
    <message>
        <source>Copied a curl command; set $AIGC_TOKEN (and $AIGC_SIGN) first.</source>
        <translation>已复制 curl 命令；请先设置 $AIGC_TOKEN（以及 $AIGC_SIGN）。</translation>
    </message>
    <message>
        <source>Export calls</source>
        <translation>导出调用记录</translation>
    </message>
    <message>
        <source>JSON lines (*.jsonl)</source>
        <translation>JSON Lines 文件 (*.jsonl)</translation>
    </message>
    <message>
        <source>%1 calls exported to %2</source>
        <translation>已将 %1 条调用记录导出到 %2</translation>
    </message>
    <message>
        <source>Exporting the request log…</source>
        <translation>正在导出请求日志…</translation>
    </message>
    <message>
        <source>Clearing the request log…</source>
        <translation>正在清空请求日志…</translation>
    </message>
</context>
<context>
    <name>RevealCopy</name>
    <message>
        <source>Reveal</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Reveal %1</source>
        <translation>显示 %1</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy %1</source>
        <translation>复制 %1</translation>
    </message>
    <message>
        <source>Copy to the clipboard (cleared again after 45 s)</source>
        <translation>复制到剪贴板（45 秒后自动清除）</translation>
    </message>
</context>
<context>
    <name>RotationPanel</name>
    <message>
        <source>AuthKeys of this profile (kept in the keyring)</source>
        <translation>此账号配置的 AuthKey（保存在系统密钥库中）</translation>
    </message>
    <message>
        <source>AuthKeys of this profile (kept in memory for this session only)</source>
        <translation>此账号配置的 AuthKey（仅在本次会话中保存在内存里）</translation>
    </message>
    <message>
        <source>Current AuthKey</source>
        <translation>当前 AuthKey</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Save the current AuthKey</source>
        <translation>保存当前 AuthKey</translation>
    </message>
    <message>
        <source>Store the current AuthKey without rotating (first set-up)</source>
        <translation>直接保存当前 AuthKey，不进行轮换（首次设置）</translation>
    </message>
    <message>
        <source>Current</source>
        <translation>当前</translation>
    </message>
    <message>
        <source>Previous AuthKey</source>
        <translation>上一个 AuthKey</translation>
    </message>
    <message>
        <source>(none — not rotating)</source>
        <translation>（无——未在轮换）</translation>
    </message>
    <message>
        <source>Retire previous key…</source>
        <translation>停用上一个 AuthKey…</translation>
    </message>
    <message>
        <source>Retire the previous AuthKey</source>
        <translation>停用上一个 AuthKey</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>上一个</translation>
    </message>
    <message>
        <source>New AuthKey</source>
        <translation>新 AuthKey</translation>
    </message>
    <message>
        <source>type one, or Generate</source>
        <translation>手动输入，或点击“生成”</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <source>Generate a new AuthKey</source>
        <translation>生成新的 AuthKey</translation>
    </message>
    <message>
        <source>A random 24-character key with upper case, lower case and digits</source>
        <translation>随机生成 24 位密钥，包含大写字母、小写字母和数字</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新密钥</translation>
    </message>
    <message>
        <source>New AuthKey policy check</source>
        <translation>新 AuthKey 规则校验</translation>
    </message>
    <message>
        <source>Rotate: new key becomes current</source>
        <translation>轮换：新密钥成为当前 AuthKey</translation>
    </message>
    <message>
        <source>Rotate the AuthKey</source>
        <translation>轮换 AuthKey</translation>
    </message>
    <message>
        <source>The current key becomes the previous one; the receiver accepts both until you retire it</source>
        <translation>当前密钥变为上一个 AuthKey；在您将其停用之前，接收端同时接受新旧两个密钥</translation>
    </message>
    <message>
        <source>Deliveries signed with the old key</source>
        <translation>使用旧密钥签名的投递</translation>
    </message>
    <message>
        <source>Rotation sequence (from the platform doc)</source>
        <translation>轮换步骤（来自平台文档）</translation>
    </message>
    <message>
        <source>1. Define a new AuthKey</source>
        <translation>1. 定义新的 AuthKey</translation>
    </message>
    <message>
        <source>2. Receiver accepts both the new and the old key</source>
        <translation>2. 接收端同时支持新旧 AuthKey 校验</translation>
    </message>
    <message>
        <source>3. Update the AuthKey to the new one in the platform console</source>
        <translation>3. 在平台控制台将 AuthKey 更新为新密钥</translation>
    </message>
    <message>
        <source>4. Observe: deliveries no longer arrive signed with the old key</source>
        <translation>4. 观察一段时间：不再收到旧密钥签名的投递</translation>
    </message>
    <message>
        <source>5. Remove the old key from the receiver</source>
        <translation>5. 在接收端移除旧 AuthKey</translation>
    </message>
    <message>
        <source>6. Rotation complete</source>
        <translation>6. 轮换完成</translation>
    </message>
    <message>
        <source>Steps 3 and 4 are yours to tick; the others follow the keys.</source>
        <translation>第 3、4 步需要您手动勾选，其余步骤根据密钥状态自动完成。</translation>
    </message>
    <message>
        <source>Loading AuthKeys…</source>
        <translation>正在加载 AuthKey…</translation>
    </message>
    <message>
        <source>Choose a profile first: AuthKeys are stored per profile.</source>
        <translation>请先选择账号配置：AuthKey 按账号配置分别保存。</translation>
    </message>
    <message>
        <source>Saving the AuthKey…</source>
        <translation>正在保存 AuthKey…</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <source>Rotating the AuthKey…</source>
        <translation>正在轮换 AuthKey…</translation>
    </message>
    <message>
        <source>Not rotated: %1</source>
        <translation>未轮换：%1</translation>
    </message>
    <message>
        <source>Deliveries signed with the previous AuthKey will be refused from now on (%1 arrived since the rotation). Retire it only once the platform console uses the new key.</source>
        <translation>此后使用上一个 AuthKey 签名的投递将被拒绝（轮换以来已收到 %1 条）。请确认平台控制台已改用新密钥后再停用。</translation>
    </message>
    <message>
        <source>Retire the previous AuthKey?</source>
        <translation>停用上一个 AuthKey？</translation>
    </message>
    <message>
        <source>Retire</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Retiring the previous AuthKey…</source>
        <translation>正在停用上一个 AuthKey…</translation>
    </message>
    <message>
        <source>One AuthKey in use. To rotate: Generate a new key, then Rotate.</source>
        <translation>正在使用一个 AuthKey。如需轮换：先生成新密钥，再点击轮换。</translation>
    </message>
    <message>
        <source>No AuthKey yet: the receiver accepts callbacks without checking them.</source>
        <translation>尚未设置 AuthKey：接收端不校验签名，直接接受回调。</translation>
    </message>
    <message>
        <source>Rotating. Start the receiver to see which key the deliveries are signed with.</source>
        <translation>轮换中。启动接收端即可查看投递使用的是哪个密钥签名。</translation>
    </message>
    <message>
        <source>Rotating. No delivery signed with the old key yet; %1 with the new key.</source>
        <translation>轮换中。尚未收到旧密钥签名的投递；新密钥签名的投递 %1 条。</translation>
    </message>
    <message>
        <source>Rotating. %1 deliveries still signed with the old key, the last at %2 (%3 ago); %4 with the new key.</source>
        <translation>轮换中。仍有 %1 条投递使用旧密钥签名，最近一条在 %2（%3前）；新密钥签名的投递 %4 条。</translation>
    </message>
    <message>
        <source>Meets the platform&apos;s AuthKey policy.</source>
        <translation>符合平台的 AuthKey 规则。</translation>
    </message>
    <message>
        <source>Outside the platform&apos;s policy (the console may refuse it): %1</source>
        <translation>不符合平台规则（控制台可能拒绝）：%1</translation>
    </message>
</context>
<context>
    <name>SecretField</name>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
</context>
<context>
    <name>SenderPane</name>
    <message>
        <source>line %1, column %2: %3</source>
        <translation>第 %1 行，第 %2 列：%3</translation>
    </message>
    <message>
        <source>nested too deeply</source>
        <translation>嵌套层级过深</translation>
    </message>
    <message>
        <source>the event must be a JSON object { … }, the callback body&apos;s fields</source>
        <translation>事件必须是 JSON 对象 { … }，即回调消息体的各字段</translation>
    </message>
    <message>
        <source>Send a signed test callback</source>
        <translation>发送带签名的测试回调</translation>
    </message>
    <message>
        <source>Target URL</source>
        <translation>目标地址</translation>
    </message>
    <message>
        <source>where to POST, e.g. your receiver or the receiver pane&apos;s URL</source>
        <translation>POST 的目标，例如您的接收服务或“回调接收端”页面的地址</translation>
    </message>
    <message>
        <source>Use the running receiver&apos;s URL</source>
        <translation>使用运行中接收端的地址</translation>
    </message>
    <message>
        <source>Use the running receiver&apos;s URL as the target</source>
        <translation>将运行中接收端的地址用作目标</translation>
    </message>
    <message>
        <source>Signed-as callback URL</source>
        <translation>签名所用回调地址</translation>
    </message>
    <message>
        <source>empty: sign the target URL</source>
        <translation>留空：按目标地址签名</translation>
    </message>
    <message>
        <source>The callback URL the signature is computed over, when the target is a tunnel or proxy</source>
        <translation>目标为隧道或代理时，用于计算签名的回调地址</translation>
    </message>
    <message>
        <source>Signed-as URL</source>
        <translation>签名所用地址</translation>
    </message>
    <message>
        <source>AuthKey</source>
        <translation>AuthKey</translation>
    </message>
    <message>
        <source>empty: send unsigned</source>
        <translation>留空：不签名发送</translation>
    </message>
    <message>
        <source>Use profile key</source>
        <translation>使用配置中的密钥</translation>
    </message>
    <message>
        <source>Use the profile&apos;s current AuthKey</source>
        <translation>使用账号配置的当前 AuthKey</translation>
    </message>
    <message>
        <source>Variant</source>
        <translation>测试场景</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>正常签名</translation>
    </message>
    <message>
        <source>Expired: timestamp one hour old</source>
        <translation>已过期：时间戳为一小时前</translation>
    </message>
    <message>
        <source>Future: timestamp one hour ahead</source>
        <translation>时间超前：时间戳为一小时后</translation>
    </message>
    <message>
        <source>Wrong key: signed with a random AuthKey</source>
        <translation>密钥错误：用随机 AuthKey 签名</translation>
    </message>
    <message>
        <source>Other URL: signed for a different callback URL</source>
        <translation>地址不符：按其他回调地址签名</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Timeout per attempt in seconds</source>
        <translation>每次尝试的超时时间（秒）</translation>
    </message>
    <message>
        <source>Timeout per attempt</source>
        <translation>每次尝试超时</translation>
    </message>
    <message>
        <source>Event JSON (timestamp and signature are added when sent)</source>
        <translation>事件 JSON（发送时自动添加 timestamp 和 signature）</translation>
    </message>
    <message>
        <source>Event JSON</source>
        <translation>事件 JSON</translation>
    </message>
    <message>
        <source>Event JSON error</source>
        <translation>事件 JSON 错误</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Send the test callback</source>
        <translation>发送测试回调</translation>
    </message>
    <message>
        <source>Resend last body</source>
        <translation>重发上一次消息体</translation>
    </message>
    <message>
        <source>Resend the last body unchanged</source>
        <translation>原样重发上一次的消息体</translation>
    </message>
    <message>
        <source>Same timestamp and signature: the receiver sees a late retry, or an expired replay</source>
        <translation>时间戳和签名不变：接收端会将其视为延迟的重试或过期的重放</translation>
    </message>
    <message>
        <source>Attempts (platform policy: up to 3, then the event is dropped)</source>
        <translation>尝试记录（平台策略：最多 3 次，之后丢弃该事件）</translation>
    </message>
    <message>
        <source>Nothing sent yet.</source>
        <translation>尚未发送。</translation>
    </message>
    <message>
        <source>Delivery summary</source>
        <translation>投递结果</translation>
    </message>
    <message>
        <source>Attempt</source>
        <translation>尝试</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态码</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>耗时</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>尝试记录</translation>
    </message>
    <message>
        <source>Body sent</source>
        <translation>已发送的消息体</translation>
    </message>
    <message>
        <source>the exact body sent appears here</source>
        <translation>实际发送的消息体将显示在这里</translation>
    </message>
    <message>
        <source>Loading the AuthKey…</source>
        <translation>正在加载 AuthKey…</translation>
    </message>
    <message>
        <source>Invalid event JSON: %1</source>
        <translation>事件 JSON 无效：%1</translation>
    </message>
    <message>
        <source>Start the receiver on the Callback receiver pane</source>
        <translation>请先在“回调接收端”页面启动接收端</translation>
    </message>
    <message>
        <source>Sending a test callback…</source>
        <translation>正在发送测试回调…</translation>
    </message>
    <message>
        <source>Resending the last body…</source>
        <translation>正在重发上一次的消息体…</translation>
    </message>
    <message>
        <source>Sending… each attempt appears as it completes.</source>
        <translation>发送中…每次尝试完成后即显示在下方。</translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation>未发送：%1</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>投递成功</translation>
    </message>
    <message>
        <source>Delivered on attempt %1 of %2.</source>
        <translation>第 %1 次尝试投递成功（最多 %2 次）。</translation>
    </message>
    <message>
        <source>Dropped after %1 failed attempts of %2: the platform would discard this event.</source>
        <translation>共尝试 %1 次均失败（最多 %2 次）：平台会丢弃此事件。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Settings problem</source>
        <translation>设置有误</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Connect timeout</source>
        <translation>连接超时</translation>
    </message>
    <message>
        <source>Read timeout</source>
        <translation>读取超时</translation>
    </message>
    <message>
        <source>Total deadline per call</source>
        <translation>每次调用总时限</translation>
    </message>
    <message>
        <source>The longest one call may take in all, retries included, however the server trickles its answer.</source>
        <translation>一次调用（含重试）最多可用的总时间；服务器回答得再慢也不会超过。</translation>
    </message>
    <message>
        <source>&amp;Connect timeout:</source>
        <translation>连接超时(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Read timeout:</source>
        <translation>读取超时(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Total deadline per call:</source>
        <translation>每次调用总时限(&amp;T)：</translation>
    </message>
    <message>
        <source>Operating system trust store</source>
        <translation>操作系统证书库</translation>
    </message>
    <message>
        <source>CA bundle file</source>
        <translation>CA 证书文件</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Choose a CA bundle file</source>
        <translation>选择 CA 证书文件</translation>
    </message>
    <message>
        <source>C&amp;A bundle:</source>
        <translation>CA 证书(&amp;A)：</translation>
    </message>
    <message>
        <source>Certificates in use</source>
        <translation>正在使用的证书</translation>
    </message>
    <message>
        <source>Verifying with:</source>
        <translation>校验依据：</translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation>代理</translation>
    </message>
    <message>
        <source>System settings</source>
        <translation>使用系统代理</translation>
    </message>
    <message>
        <source>No proxy</source>
        <translation>不使用代理</translation>
    </message>
    <message>
        <source>Custom URL</source>
        <translation>自定义地址</translation>
    </message>
    <message>
        <source>Proxy URL</source>
        <translation>代理地址</translation>
    </message>
    <message>
        <source>&amp;Proxy:</source>
        <translation>代理(&amp;P)：</translation>
    </message>
    <message>
        <source>Proxy &amp;URL:</source>
        <translation>代理地址(&amp;U)：</translation>
    </message>
    <message>
        <source>Network settings apply to the next sign-in or profile switch.</source>
        <translation>网络设置将在下次登录或切换账号配置时生效。</translation>
    </message>
    <message>
        <source>Quotas</source>
        <translation>配额</translation>
    </message>
    <message>
        <source>Quota auto-refresh interval</source>
        <translation>配额自动刷新间隔</translation>
    </message>
    <message>
        <source>&amp;Auto-refresh:</source>
        <translation>自动刷新(&amp;A)：</translation>
    </message>
    <message>
        <source>Warning threshold</source>
        <translation>预警阈值</translation>
    </message>
    <message>
        <source>Critical threshold</source>
        <translation>严重阈值</translation>
    </message>
    <message>
        <source>&amp;Warn at:</source>
        <translation>预警阈值(&amp;W)：</translation>
    </message>
    <message>
        <source>C&amp;ritical at:</source>
        <translation>严重阈值(&amp;R)：</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>通知</translation>
    </message>
    <message>
        <source>When a quota crosses the warning or critical threshold</source>
        <translation>配额用量超过预警或严重阈值时</translation>
    </message>
    <message>
        <source>When the service validity ends within 7 days</source>
        <translation>服务有效期在 7 天内到期时</translation>
    </message>
    <message>
        <source>When the token expires within 10 minutes and auto-renew is off</source>
        <translation>令牌将在 10 分钟内过期且未开启自动续期时</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>外观</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>applies after restart</source>
        <translation>重启后生效</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>主题(&amp;T)：</translation>
    </message>
    <message>
        <source>Timeouts must be between 0 and 600 seconds.</source>
        <translation>超时时间须在 0 到 600 秒之间。</translation>
    </message>
    <message>
        <source>The total deadline must be between 1 and 600 seconds, and not shorter than the read timeout.</source>
        <translation>总时限必须在 1 到 600 秒之间，且不短于读取超时。</translation>
    </message>
    <message>
        <source>The CA bundle file does not exist.</source>
        <translation>CA 证书文件不存在。</translation>
    </message>
    <message>
        <source>A custom proxy URL starts with http:// or https://.</source>
        <translation>自定义代理地址须以 http:// 或 https:// 开头。</translation>
    </message>
    <message>
        <source>The critical threshold cannot be below the warning threshold.</source>
        <translation>严重阈值不能低于预警阈值。</translation>
    </message>
    <message>
        <source>Custom CA bundle: %1</source>
        <translation>自定义 CA 证书包：%1</translation>
    </message>
    <message>
        <source>Choose a CA bundle</source>
        <translation>选择 CA 证书</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>证书 (*.pem *.crt *.cer);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>TokenPane</name>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Refresh token</source>
        <translation>刷新访问令牌</translation>
    </message>
    <message>
        <source>Force refresh…</source>
        <translation>强制刷新…</translation>
    </message>
    <message>
        <source>Force refresh</source>
        <translation>强制刷新</translation>
    </message>
    <message>
        <source>Send a refresh even though the 3-hour rule says it is too soon</source>
        <translation>即使未满 3 小时的刷新间隔，也发送刷新请求</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>Auto-renew before expiry</source>
        <translation>过期前自动续期</translation>
    </message>
    <message>
        <source>Five minutes before the access token expires, refresh or sign in again</source>
        <translation>访问令牌过期前 5 分钟，自动刷新或重新登录</translation>
    </message>
    <message>
        <source>Sign-in status</source>
        <translation>登录状态</translation>
    </message>
    <message>
        <source>Refresh access token</source>
        <translation>刷新访问令牌</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>令牌</translation>
    </message>
    <message>
        <source>Access token</source>
        <translation>访问令牌</translation>
    </message>
    <message>
        <source>Access token expiry</source>
        <translation>访问令牌过期时间</translation>
    </message>
    <message>
        <source>Next allowed refresh</source>
        <translation>下次可刷新时间</translation>
    </message>
    <message>
        <source>Sign-in request as sent (secrets masked)</source>
        <translation>实际发送的登录请求（已隐藏密钥）</translation>
    </message>
    <message>
        <source>Sign-in request</source>
        <translation>登录请求</translation>
    </message>
    <message>
        <source>Sign in to see the exact request.</source>
        <translation>登录后即可查看实际发送的请求。</translation>
    </message>
    <message>
        <source>Sign-in timestamp note</source>
        <translation>登录时间戳提示</translation>
    </message>
    <message>
        <source>WebSocket APIs</source>
        <translation>WebSocket 接口</translation>
    </message>
    <message>
        <source>User, roles and permissions</source>
        <translation>用户、角色与权限</translation>
    </message>
    <message>
        <source>User ID</source>
        <translation>用户 ID</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Company name</source>
        <translation>企业名称</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>账号状态</translation>
    </message>
    <message>
        <source>Validity</source>
        <translation>有效期</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>App</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Permissions</source>
        <translation>权限</translation>
    </message>
    <message>
        <source>Resource</source>
        <translation>资源</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>正在登录…</translation>
    </message>
    <message>
        <source>Refreshing the token…</source>
        <translation>正在刷新令牌…</translation>
    </message>
    <message>
        <source>Force a token refresh?</source>
        <translation>强制刷新令牌？</translation>
    </message>
    <message>
        <source>The platform allows one refresh every 3 hours and will probably refuse this one (code 60112161). Send it anyway?</source>
        <translation>平台规定每 3 小时只能刷新一次，这次请求很可能被拒绝（错误码 60112161）。仍要发送吗？</translation>
    </message>
    <message>
        <source>Send refresh</source>
        <translation>发送刷新请求</translation>
    </message>
    <message>
        <source>Signing out…</source>
        <translation>正在退出登录…</translation>
    </message>
    <message>
        <source>Next refresh allowed in %1</source>
        <translation>%1后可再次刷新</translation>
    </message>
    <message>
        <source>No profile selected</source>
        <translation>未选择账号配置</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>未登录</translation>
    </message>
    <message>
        <source>Signed in to %1</source>
        <translation>已登录：%1</translation>
    </message>
    <message>
        <source>Expired at %1 — sign in again</source>
        <translation>已于 %1 过期——请重新登录</translation>
    </message>
    <message>
        <source>Expires in %1 (at %2)</source>
        <translation>%1后过期（%2）</translation>
    </message>
    <message>
        <source>(assumed 8 h: the platform did not send expiresIn)</source>
        <translation>（按 8 小时估算：平台未返回 expiresIn）</translation>
    </message>
    <message>
        <source>Next refresh allowed in %1 (at %2) — one refresh per 3 hours</source>
        <translation>%1后（%2）可再次刷新——每 3 小时限刷新一次</translation>
    </message>
    <message>
        <source>A refresh is allowed now</source>
        <translation>现在可以刷新</translation>
    </message>
    <message>
        <source>refresh token valid until %1</source>
        <translation>刷新令牌有效期至 %1</translation>
    </message>
</context>
<context>
    <name>TrayNotifier</name>
    <message>
        <source>AIGC Desktop</source>
        <translation>AIGC Desktop</translation>
    </message>
    <message>
        <source>Show AIGC Desktop</source>
        <translation>显示 AIGC Desktop</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>%1 at %2%</source>
        <translation>%1 已用 %2%</translation>
    </message>
    <message>
        <source>More than %1% of this quota is used. Open Quotas for the numbers.</source>
        <translation>该配额已用超过 %1%。打开“配额”页面查看具体数字。</translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation>%1 天</translation>
    </message>
    <message>
        <source>%1 hours</source>
        <translation>%1 小时</translation>
    </message>
    <message>
        <source>%1 minutes</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>The service validity has ended</source>
        <translation>服务有效期已结束</translation>
    </message>
    <message>
        <source>Sign-ins will fail until the account is renewed. Contact your account manager.</source>
        <translation>账号续期前将无法登录。请联系您的客户经理。</translation>
    </message>
    <message>
        <source>The service validity ends in %1</source>
        <translation>服务有效期将在 %1后结束</translation>
    </message>
    <message>
        <source>Renew the account before then; see Account for the exact date.</source>
        <translation>请在此之前为账号续期；具体日期见“账号信息”页面。</translation>
    </message>
    <message>
        <source>The access token expires in %1</source>
        <translation>访问令牌将在 %1后过期</translation>
    </message>
    <message>
        <source>Auto-renew is off: refresh or sign in again on the Token pane.</source>
        <translation>未开启自动续期：请在“令牌”页面刷新令牌或重新登录。</translation>
    </message>
</context>
<context>
    <name>UserFieldsView</name>
    <message>
        <source>More fields</source>
        <translation>更多字段</translation>
    </message>
    <message>
        <source>More fields of the user</source>
        <translation>用户的更多字段</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>All user fields</source>
        <translation>全部用户字段</translation>
    </message>
    <message>
        <source>%1 fields, %2 of them unknown to AIGC Desktop</source>
        <translation>共 %1 个字段，其中 %2 个 AIGC Desktop 未知</translation>
    </message>
    <message>
        <source>Sign in to see the user&apos;s fields</source>
        <translation>登录后可查看用户字段</translation>
    </message>
</context>
<context>
    <name>WebSocketTools</name>
    <message>
        <source>Copy WebSocket URL</source>
        <translation>复制 WebSocket 地址</translation>
    </message>
    <message>
        <source>Copy WebSocket URL (contains the token)</source>
        <translation>复制 WebSocket 地址（含令牌）</translation>
    </message>
    <message>
        <source>The streaming URL with the token in it, as the platform expects; cleared from the clipboard after 45 s</source>
        <translation>按平台要求带令牌的流式接口地址；45 秒后从剪贴板清除</translation>
    </message>
    <message>
        <source>Test WebSocket sign-in</source>
        <translation>测试 WebSocket 鉴权</translation>
    </message>
    <message>
        <source>WebSocket URL, token masked</source>
        <translation>WebSocket 地址（令牌已遮盖）</translation>
    </message>
    <message>
        <source>WebSocket sign-in result</source>
        <translation>WebSocket 鉴权结果</translation>
    </message>
    <message>
        <source>Sign in to get a WebSocket URL.</source>
        <translation>登录后可获取 WebSocket 地址。</translation>
    </message>
    <message>
        <source>WebSocket URL copied (it contains the token).</source>
        <translation>已复制 WebSocket 地址（含令牌）。</translation>
    </message>
    <message>
        <source>Testing WebSocket sign-in…</source>
        <translation>正在测试 WebSocket 鉴权…</translation>
    </message>
    <message>
        <source>Accepted: the platform kept the WebSocket open.</source>
        <translation>已通过：平台保持了 WebSocket 连接。</translation>
    </message>
    <message>
        <source>Refused: %1 %2</source>
        <translation>已拒绝：%1 %2</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
</context>
<context>
    <name>_Plot</name>
    <message>
        <source>No history yet</source>
        <translation>暂无历史数据</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>Starting the sandbox and signing in…</source>
        <translation>正在启动沙箱并登录…</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
</context>
<context>
    <name>callback_verdict</name>
    <message>
        <source>VALID</source>
        <translation>有效</translation>
    </message>
    <message>
        <source>INVALID</source>
        <translation>签名无效</translation>
    </message>
    <message>
        <source>EXPIRED</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>FUTURE</source>
        <translation>时间超前</translation>
    </message>
    <message>
        <source>REPLAYED</source>
        <translation>重放</translation>
    </message>
    <message>
        <source>MALFORMED</source>
        <translation>格式错误</translation>
    </message>
    <message>
        <source>UNSIGNED</source>
        <translation>未签名</translation>
    </message>
    <message>
        <source>REFUSED</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>current AuthKey</source>
        <translation>当前 AuthKey</translation>
    </message>
    <message>
        <source>previous AuthKey</source>
        <translation>上一个 AuthKey</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Matched with the %1.</source>
        <translation>匹配的是%1。</translation>
    </message>
    <message>
        <source>Near misses (what the sender most likely did):</source>
        <translation>疑似原因（发送方最可能的做法）：</translation>
    </message>
    <message>
        <source>  • %1: %2</source>
        <translation>  • %1：%2</translation>
    </message>
    <message>
        <source>No near miss found: the sender probably uses a different AuthKey altogether, or signs a URL that differs in more than two ways.</source>
        <translation>未找到疑似原因：发送方可能使用了完全不同的 AuthKey，或签名所用的地址有两处以上不同。</translation>
    </message>
</context>
<context>
    <name>confirm</name>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
</context>
<context>
    <name>countdown</name>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分钟</translation>
    </message>
    <message>
        <source>%1 d %2 h %3 min</source>
        <translation>%1 天 %2 小时 %3 分钟</translation>
    </message>
    <message>
        <source>%1 h %2 min %3 s</source>
        <translation>%1 小时 %2 分 %3 秒</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
</context>
<context>
    <name>delivery_detail</name>
    <message>
        <source>(%1 of binary data, not UTF-8)</source>
        <translation>（%1 二进制数据，不是 UTF-8）</translation>
    </message>
    <message>
        <source>no answer (the sender went away)</source>
        <translation>未响应（发送方已断开）</translation>
    </message>
    <message>
        <source>answered HTTP %1</source>
        <translation>已响应 HTTP %1</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Forwarded to %1: failed after %2 — %3</source>
        <translation>已转发到 %1：%2后失败——%3</translation>
    </message>
    <message>
        <source>Forwarded to %1: answered HTTP %2 in %3</source>
        <translation>已转发到 %1：响应 HTTP %2（耗时 %3）</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>尝试记录</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>校验结果</translation>
    </message>
    <message>
        <source>Refused before verification: %1</source>
        <translation>校验前即被拒绝：%1</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>请求</translation>
    </message>
    <message>
        <source>Body (%1)</source>
        <translation>消息体（%1）</translation>
    </message>
    <message>
        <source>Body (%1; the first %2 kept: the request was refused)</source>
        <translation>消息体（%1；请求已被拒绝，只保留前 %2）</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>no description in the catalogue</source>
        <translation>错误码表中无说明</translation>
    </message>
    <message>
        <source>Server said: %1</source>
        <translation>服务端返回：%1</translation>
    </message>
    <message>
        <source>Endpoint: %1</source>
        <translation>接口：%1</translation>
    </message>
    <message>
        <source>HTTP status: %1</source>
        <translation>HTTP 状态码：%1</translation>
    </message>
    <message>
        <source>Platform error %1: %2</source>
        <translation>平台错误 %1：%2</translation>
    </message>
    <message>
        <source>Refresh not sent</source>
        <translation>未发送刷新请求</translation>
    </message>
    <message>
        <source>Refused locally: the platform allows one refresh per 3 hours; the next one is allowed at %1</source>
        <translation>本地已拒绝：平台规定每 3 小时只能刷新一次，下次可刷新时间为 %1</translation>
    </message>
    <message>
        <source>Keyring problem</source>
        <translation>系统密钥库出错</translation>
    </message>
    <message>
        <source>Profile not saved</source>
        <translation>账号配置未保存</translation>
    </message>
    <message>
        <source>The operation timed out</source>
        <translation>操作超时</translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <source>Details were written to the log.</source>
        <translation>详细信息已写入日志。</translation>
    </message>
</context>
<context>
    <name>menus</name>
    <message>
        <source>Main menu</source>
        <translation>主菜单</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Session</source>
        <translation>会话(&amp;S)</translation>
    </message>
    <message>
        <source>Sign &amp;in</source>
        <translation>登录(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Refresh token</source>
        <translation>刷新访问令牌(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Force refresh…</source>
        <translation>强制刷新(&amp;F)…</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>退出登录(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <source>Follow the &amp;system</source>
        <translation>跟随系统(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>浅色(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>深色(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About AIGC Desktop</source>
        <translation>关于 AIGC Desktop(&amp;A)</translation>
    </message>
    <message>
        <source>The &amp;sandbox documentation</source>
        <translation>沙箱文档(&amp;S)</translation>
    </message>
</context>
<context>
    <name>panes</name>
    <message>
        <source>Account</source>
        <translation>账号信息</translation>
    </message>
    <message>
        <source>Signature calculator</source>
        <translation>签名计算器</translation>
    </message>
    <message>
        <source>Error codes</source>
        <translation>错误码</translation>
    </message>
    <message>
        <source>Profiles</source>
        <translation>账号配置</translation>
    </message>
    <message>
        <source>Quotas</source>
        <translation>配额</translation>
    </message>
    <message>
        <source>Callback receiver</source>
        <translation>回调接收端</translation>
    </message>
    <message>
        <source>Callback sender</source>
        <translation>回调发送端</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>令牌</translation>
    </message>
    <message>
        <source>Request log</source>
        <translation>请求日志</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>总览</translation>
    </message>
</context>
<context>
    <name>platform_terms</name>
    <message>
        <source>Not activated</source>
        <translation>未激活</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>已启用</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>已禁用</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Modify</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Query</source>
        <translation>查询</translation>
    </message>
</context>
<context>
    <name>problems</name>
    <message>
        <source>No usable keyring: AppKeys and tokens are kept in memory for this session only.</source>
        <translation>没有可用的系统密钥库：AppKey 和令牌仅在本次会话中保存在内存里。</translation>
    </message>
    <message>
        <source>Your clock is %1 behind the platform&apos;s clock.</source>
        <translation>本机时钟比平台时钟慢 %1。</translation>
    </message>
    <message>
        <source>Your clock is %1 ahead of the platform&apos;s clock.</source>
        <translation>本机时钟比平台时钟快 %1。</translation>
    </message>
    <message>
        <source>Sign-in and callback signatures carry timestamps, so they can fail. Turn on automatic time synchronisation (NTP) in the system settings.</source>
        <translation>登录签名和回调签名都带有时间戳，时钟不准可能导致验签失败。请在系统设置中开启自动时间同步（NTP）。</translation>
    </message>
</context>
<context>
    <name>profile_names</name>
    <message>
        <source>Sandbox</source>
        <translation>沙箱</translation>
    </message>
</context>
</TS>
