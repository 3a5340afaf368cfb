# expect-fail: no prompt within 2s after `kelp# sleep 10`
#! timeout: 2
kelp# echo before
before
kelp# sleep 10
kelp# echo never
never
