// Hub page: fills in the Node service URL and the extension path (plain text only).
const info = await fetch('/demo/info').then((r) => r.json());
if (info.nodeService) {
  const li = document.getElementById('node-service');
  li.textContent = 'Node 服务（服务端核验，POST /verify）：';
  const a = Object.assign(document.createElement('a'), { href: info.nodeService, textContent: info.nodeService });
  li.append(a);
}
if (info.extension) document.getElementById('extension').textContent = `浏览器扩展（加载已解压的扩展程序）：${info.extension}`;
