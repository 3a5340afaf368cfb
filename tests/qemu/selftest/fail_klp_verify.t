# expect-fail: livepatch's stack check reported: livepatch: verify: kt/7 is inside f after 'p' completed patching
kelp# echo livepatch: verify: kt/7 is inside f after 'p' completed patching
livepatch: verify: kt/7 is inside f after 'p' completed patching
