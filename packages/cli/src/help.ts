import type { Lang } from './io.js';

const EN = `yizhao — verify electronic business licences and e-seals (一照通办)

Usage: yizhao COMMAND [options]   (--lang en | zh-CN; default zh-CN or $YIZHAO_LANG)

  verify INPUT… --trust FILE --pin FILE [--at UNIX] [--aud ID] [--matter ID]
                [--nonce S] [--status FILE]… [--strict] [--json]
      Verify scanned QR content. INPUT is the text, @FILE (a file holding the text),
      or an existing .png/.jpg/.jpeg image of the QR code.
      --trust  trust list (compact JWS, typ yzt+jwt)   --pin  trust-list signer's public JWK
      --at     verification time, unix seconds          --aud  this relying party's id
      --matter catalogue matter id (DZ164-…) for the scope check
      --nonce  the login challenge shown to the applicant
      --status status list (repeatable)                 --strict  unknown status is an error
      Exit: 0 all valid, 1 any not valid, 2 usage or I/O error.

  uscc CODE… [--json]
      Check unified social credit codes (GB 32100). Exit 0 all valid, 1 any invalid.

  seal verify DOCUMENT SEALFILE --trust FILE --pin FILE [--at UNIX] [--crl FILE]… [--strict] [--json]
      Verify an e-seal signature (.yzseal) over the document's exact bytes: signature, digest,
      certificate chain to a trust-list seal root, validity at the signing time, revocation by the
      CRLs given. Exit 0 PASSED, 1 FAILED or INDETERMINATE, 2 usage or I/O error.

  seal verify FILE.ofd… [--trust FILE --pin FILE] [--at UNIX] [--crl FILE]… [--cert FILE]… [--strict] [--json]
      Verify every SES e-seal and signature (GB/T 38540, GM/T 0031; SM2/SM3) in OFD documents and
      report each check; without --trust the chains are INDETERMINATE. --cert: signer certificates
      (DER) for bare signatures that carry none. Exit 0 all PASSED, 1 any not, 2 usage or I/O error.

  decode IMAGE… [--json]
      Read the QR code in .png/.jpg/.jpeg images. Exit 0 all decoded, 1 any not, 2 error.

  catalog list [--department NAME] [--csv|--json]
      The 172 matters of 大足府办发〔2022〕164号 (DZ164-001…172); NAME in any spelling (区水利局).
  catalog search TEXT [--limit N] [--json]
      Find matters by name fragment, department, id or kind (取水, 水利局, 57, 注销), best first.

  scan-page FILE.html… [--json]
      Find where a service page demands the paper business licence or a physical seal, or refuses
      the electronic ones (task 8 of 大足府办发〔2022〕164号), and name the page's matter.
      Exit: 0 none found, 1 any found, 2 usage or I/O error.

  dev init DIR [--iss ID] [--name NAME] [--years N] [--force]
      TEST ONLY: write a trust-list signer, an issuer (ES256 + Ed25519 keys), a trust list and pin.
  dev issue [--dir DIR] [--uscc CODE] [--name NAME] [--lr NAME] [--type T] [--est YYYY-MM-DD]
            [--ra AUTHORITY] [--status active|revoked|deregistered|moved-out] [--cap TEXT]
            [--addr TEXT] [--business-scope TEXT] [--aud ID] [--scp ID,ID…] [--nonce S]
            [--ttl SECONDS] [--zip] [--alg ES256|EdDSA] [--status-list ID --status-index N]
            [--png FILE] [--qr]
      TEST ONLY: mint a presentation with the issuer in DIR (default: the bundled demo issuer);
      prints it on stdout, --png writes its QR image, --qr draws it in the terminal.

  dev seal-ca DIR [--force]
      TEST ONLY: add a seal root and issuing CA to the issuer in DIR (the root joins its trust list).
  dev seal-cert [--dir DIR] --uscc CODE --name NAME [--kind official|contract|finance|invoice|legal-rep]
                [--seal-name NAME] [--alg ES256|EdDSA] [--days N] [--out FILE]
      TEST ONLY: issue a seal certificate (organizationIdentifier NTRCN-<USCC>) with its key.
  dev seal FILE --cert CERT.json [--out FILE.yzseal] [--sigt UNIX] [--dn NAME]
      TEST ONLY: seal a document's bytes with a seal certificate.
  dev crl [--dir DIR] [--ca issuing|root] --revoke SERIAL… [--next-update-days N] --out FILE.der
      TEST ONLY: a CRL of the demo CA.

  audit serve [--port N] [--host ADDR] [--db FILE|URL] [--key-file FILE] [--secure-cookies]
      Run the refusal-record service: upload API for the extension, dashboard and monthly report.
      --db is a SQLite file (default ./yizhao-audit.db) or a postgres:// URL (or $DATABASE_URL).
  audit device add NAME [--device UUID] | device list | device revoke NAME   [--db …]
      Issue a clerk device's upload token (printed once), list or revoke tokens.
  audit user add NAME [--password-file FILE] [--db …]
      Create or reset a supervisor account (password from the file or the first line of stdin).
  audit key | audit head [--db …]
      Print the log's public key (PEM) or its latest signed tree head (keep it for later checks).
  audit verify (--db FILE|URL | --export FILE) [--key PUBKEY.pem] [--head STH.json]… [--json]
      Offline check: record chains and flags, the Merkle log recomputed against every signed tree
      head, inclusion proofs of an export, and that kept heads are still prefixes of the log.
      Exit: 0 verified, 1 problems found, 2 usage or I/O error.

With --json, each input gives one JSON object per line (JSON Lines); messages go to stderr.
`;

const ZH = `yizhao — 电子营业执照与电子印章验证工具（一照通办）

用法：yizhao 命令 [选项]   （--lang en 切换英文；默认中文，或环境变量 YIZHAO_LANG）

  verify 输入… --trust 文件 --pin 文件 [--at 时间] [--aud 标识] [--matter 事项]
               [--nonce 挑战码] [--status 文件]… [--strict] [--json]
      验证扫码内容。输入可以是文本、@文件（文件中是扫码文本），或二维码图片（.png/.jpg/.jpeg）。
      --trust  信任列表（紧凑 JWS，typ yzt+jwt）     --pin  信任列表签发公钥（JWK）
      --at     验证时间（Unix 秒）                    --aud  本系统标识
      --matter 事项编号（DZ164-…），用于授权范围检查
      --nonce  向申请人展示的登录挑战码
      --status 状态列表（可重复）                     --strict  状态未知视为错误
      退出码：0 全部有效，1 有无效项，2 用法或读写错误。

  uscc 代码… [--json]
      校验统一社会信用代码（GB 32100）。退出码 0 全部有效，1 有无效。

  seal verify 文件 印章文件 --trust 文件 --pin 文件 [--at 时间] [--crl 文件]… [--strict] [--json]
      验证文件上的电子印章签名（.yzseal）：签名、文件摘要、到信任列表印章根证书的证书链、
      盖章时证书有效性，以及按给出的 CRL 检查吊销。退出码 0 通过，1 未通过或无法确定，2 用法或读写错误。

  seal verify 文件.ofd… [--trust 文件 --pin 文件] [--at 时间] [--crl 文件]… [--cert 文件]… [--strict] [--json]
      验证 OFD 文件中的全部电子签章与签名（GB/T 38540、GM/T 0031，SM2/SM3），逐项列出检查结果；
      不给 --trust 时证书链为“无法确定”。--cert：为未附证书的签名提供签名人证书（DER）。
      退出码 0 全部通过，1 有未通过，2 用法或读写错误。

  decode 图片… [--json]
      识别 .png/.jpg/.jpeg 图片中的二维码。退出码 0 全部识别，1 有未识别，2 错误。

  catalog list [--department 部门] [--csv|--json]
      列出大足府办发〔2022〕164号的 172 个“一照通办”事项（DZ164-001…172）；部门可用全称或简称（区水利局）。
  catalog search 文本 [--limit 条数] [--json]
      按名称片段、部门、编号或类别（取水、水利局、57、注销）查找事项，按相关度排序。

  scan-page 文件.html… [--json]
      检查办事页面中要求纸质营业执照、实物公章或拒绝电子营业执照、电子印章之处
      （大足府办发〔2022〕164号任务八），并识别页面对应的事项。
      退出码：0 未发现，1 有发现，2 用法或读写错误。

  dev init 目录 [--iss 标识] [--name 名称] [--years 年数] [--force]
      仅供测试：生成信任列表签发密钥、签发方（ES256 与 Ed25519 密钥）、信任列表和公钥文件。
  dev issue [--dir 目录] [--uscc 代码] [--name 名称] [--lr 法定代表人] [--type 类型]
            [--est 成立日期] [--ra 登记机关] [--status 状态] [--cap 注册资本] [--addr 住所]
            [--business-scope 经营范围] [--aud 标识] [--scp 事项,事项…] [--nonce 挑战码]
            [--ttl 秒] [--zip] [--alg ES256|EdDSA] [--status-list 标识 --status-index 序号]
            [--png 文件] [--qr]
      仅供测试：用目录中的签发方（默认为内置演示签发方）签发出示码，输出到标准输出；
      --png 写出二维码图片，--qr 在终端显示二维码。

  dev seal-ca 目录 [--force]
      仅供测试：为目录中的签发方生成印章根 CA 和签发 CA（根证书加入其信任列表）。
  dev seal-cert [--dir 目录] --uscc 代码 --name 名称 [--kind official|contract|finance|invoice|legal-rep]
                [--seal-name 印章名称] [--alg ES256|EdDSA] [--days 天数] [--out 文件]
      仅供测试：签发印章证书（organizationIdentifier 为 NTRCN-<统一社会信用代码>）及其私钥。
  dev seal 文件 --cert 印章证书.json [--out 文件.yzseal] [--sigt 时间] [--dn 文件名]
      仅供测试：用印章证书对文件内容盖章。
  dev crl [--dir 目录] [--ca issuing|root] --revoke 序列号… [--next-update-days 天数] --out 文件.der
      仅供测试：生成演示 CA 的证书吊销列表。

  audit serve [--port 端口] [--host 地址] [--db 文件|URL] [--key-file 文件] [--secure-cookies]
      启动拒收记录服务：扩展上传接口、监督看板和月报。--db 为 SQLite 文件（默认 ./yizhao-audit.db）
      或 postgres:// 地址（也可用环境变量 DATABASE_URL）。
  audit device add 名称 [--device UUID] | device list | device revoke 名称   [--db …]
      为窗口设备签发上传令牌（只显示一次）、列出或吊销令牌。
  audit user add 名称 [--password-file 文件] [--db …]
      创建或重置监督人员账号（密码取自文件或标准输入第一行）。
  audit key | audit head [--db …]
      输出日志公钥（PEM）或最新签名树头（请留存，供日后核验）。
  audit verify (--db 文件|URL | --export 文件) [--key 公钥.pem] [--head 树头.json]… [--json]
      离线核验：各设备记录链与异常标记、按每个签名树头重算 Merkle 日志、导出文件的包含证明，
      以及留存的树头仍是日志的前缀（记录未被删除）。退出码：0 通过，1 发现问题，2 用法或读写错误。

使用 --json 时，每个输入输出一行 JSON（JSON Lines）；提示信息写到标准错误。
`;

export function helpText(lang: Lang): string {
  return lang === 'en' ? EN : ZH;
}
