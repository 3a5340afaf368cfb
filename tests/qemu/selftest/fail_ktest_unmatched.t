# expect-fail: ktest pattern `no_such_case` matched no case
#! ktest: list_add,no_such_case
#! exit: 0
kelp# poweroff
Power down.
