/*
 * LD_PRELOAD stand-in for the kernel's end of ipvsadm's generic netlink socket.
 * The family lookup succeeds with a made-up id and every message ipvsadm sends is
 * appended (raw nlmsghdr bytes) to the file named by DIRECTOR_IPVS_CAPTURE.
 * When DIRECTOR_IPVS_REPLIES names a file of netlink messages, each request is
 * answered as the kernel would: GET_SERVICE by the NEW_SERVICE messages in it,
 * GET_DEST by the NEW_DEST ones, GET_INFO by SET_INFO (handed to ipvsadm's own
 * callback). Built and loaded by IpvsadmCapture in the tests.
 */
#include <stdio.h>
#include <stdlib.h>
#include <netlink/netlink.h>
#include <netlink/msg.h>
#include <netlink/genl/genl.h>
#include <netlink/genl/ctrl.h>

#define FAKE_IPVS_FAMILY_ID 0x4242
#define MAX_REPLIES_BYTES (1 << 20)

static nl_recvmsg_msg_cb_t valid_callback;
static void *valid_argument;
static int last_command = -1;

int nl_socket_modify_cb(struct nl_sock *sk, enum nl_cb_type type, enum nl_cb_kind kind,
			nl_recvmsg_msg_cb_t func, void *arg)
{
	(void)sk;
	(void)kind;
	if (type == NL_CB_VALID) {
		valid_callback = func;
		valid_argument = arg;
	}
	return 0;
}

/* The command a kernel reply to request_command carries. */
static int reply_command(int request_command)
{
	switch (request_command) {
	case 4: return 1;	/* GET_SERVICE -> NEW_SERVICE */
	case 8: return 5;	/* GET_DEST -> NEW_DEST */
	case 15: return 14;	/* GET_INFO -> SET_INFO */
	default: return -1;
	}
}

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
	static unsigned char replies[MAX_REPLIES_BYTES];
	const char *path = getenv("DIRECTOR_IPVS_REPLIES");
	int wanted = reply_command(last_command);
	size_t length, offset = 0;
	FILE *in;

	(void)sk;
	if (path == NULL || wanted < 0 || valid_callback == NULL)
		return 0;
	in = fopen(path, "rb");
	if (in == NULL)
		return -NLE_FAILURE;
	length = fread(replies, 1, sizeof(replies), in);
	fclose(in);
	while (offset + NLMSG_HDRLEN + GENL_HDRLEN <= length) {
		struct nlmsghdr *hdr = (struct nlmsghdr *)(replies + offset);
		struct genlmsghdr *genl = (struct genlmsghdr *)nlmsg_data(hdr);
		if (hdr->nlmsg_len < NLMSG_HDRLEN || offset + hdr->nlmsg_len > length)
			return -NLE_MSG_TRUNC;
		if (genl->cmd == wanted) {
			struct nl_msg *msg = nlmsg_convert(hdr);
			if (msg == NULL)
				return -NLE_NOMEM;
			valid_callback(msg, valid_argument);
			nlmsg_free(msg);
		}
		offset += NLMSG_ALIGN(hdr->nlmsg_len);
	}
	return 0;
}

int nl_send_auto_complete(struct nl_sock *sk, struct nl_msg *msg)
{
	struct nlmsghdr *hdr;
	const char *path = getenv("DIRECTOR_IPVS_CAPTURE");
	FILE *out;

	nl_complete_msg(sk, msg);
	hdr = nlmsg_hdr(msg);
	last_command = ((struct genlmsghdr *)nlmsg_data(hdr))->cmd;
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
