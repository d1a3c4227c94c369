/*
 * LD_PRELOAD stand-in for the kernel's end of ipvsadm's generic netlink socket.
 * The family lookup succeeds with a made-up id, nothing is ever received, and every
 * message ipvsadm sends is appended (raw nlmsghdr bytes) to the file named by
 * DIRECTOR_IPVS_CAPTURE. Built and loaded by IpvsadmCapture in the tests.
 */
#include <stdio.h>
#include <stdlib.h>
#include <netlink/netlink.h>
#include <netlink/msg.h>
#include <netlink/genl/genl.h>
#include <netlink/genl/ctrl.h>

#define FAKE_IPVS_FAMILY_ID 0x4242

int genl_connect(struct nl_sock *sk)
{
	(void)sk;
	return 0;
}

int genl_ctrl_resolve(struct nl_sock *sk, const char *name)
{
	(void)sk;
	(void)name;
	return FAKE_IPVS_FAMILY_ID;
}

int nl_recvmsgs_default(struct nl_sock *sk)
{
	(void)sk;
	return 0;
}

int nl_send_auto_complete(struct nl_sock *sk, struct nl_msg *msg)
{
	struct nlmsghdr *hdr;
	const char *path = getenv("DIRECTOR_IPVS_CAPTURE");
	FILE *out;

	nl_complete_msg(sk, msg);
	hdr = nlmsg_hdr(msg);
	if (path == NULL)
		return -NLE_FAILURE;
	out = fopen(path, "ab");
	if (out == NULL)
		return -NLE_FAILURE;
	if (fwrite(hdr, 1, hdr->nlmsg_len, out) != hdr->nlmsg_len) {
		fclose(out);
		return -NLE_FAILURE;
	}
	if (fclose(out) != 0)
		return -NLE_FAILURE;
	return (int)hdr->nlmsg_len;
}
